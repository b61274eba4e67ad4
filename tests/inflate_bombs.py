"""Run by test_hostile_inputs in a process of its own: builds a WARC.gz whose one record inflates to SIZE MB
and a JSON Lines .gz whose one line does, each followed by a good document, reads both with a 1 MB cap,
and prints what came out and the process's peak memory in MB.

    python tests/inflate_bombs.py FOLDER SIZE_MB
"""

import resource
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path

from eventwire.sources import SourceOptions, read_inputs
from eventwire.sources.readers.warc import warc_record


def member(parts: Iterable[bytes]) -> bytes:
    """One gzip member, compressed piece by piece: a bomb is never held inflated here either."""
    out = zlib.compressobj(1, zlib.DEFLATED, 31)
    return b"".join(out.compress(part) for part in parts) + out.flush()


def main() -> None:
    folder, size = Path(sys.argv[1]), int(sys.argv[2])
    block = b"<p>" + b"a" * (1 << 20) + b"</p>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % (size * len(block))
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Target-URI: https://example.org/bomb\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + size * len(block)}\r\n\r\n"
    ).encode()
    good = warc_record("https://example.org/good", b"<html><body><p>Troops clashed.</p></body></html>")
    with open(folder / "bomb.warc.gz", "wb") as out:
        out.write(member([head, http, *(block for _ in range(size)), b"\r\n\r\n"]))
        out.write(member([good]))
    line = b'{"text": "' + b"a" * (1 << 20)
    with open(folder / "bomb.jsonl.gz", "wb") as out:
        out.write(
            member([*(line for _ in range(size)), b'"}\n', b'{"text": "Troops clashed near Korvan."}\n'])
        )
    bombs = [str(folder / "bomb.warc.gz"), str(folder / "bomb.jsonl.gz")]
    items = list(read_inputs(bombs, SourceOptions(max_bytes=1_000_000)))
    print([(type(i).__name__, getattr(i, "code", None)) for i in items])
    print(_peak_mb())


def _peak_mb() -> int:
    """This process's peak resident memory since it started: VmHWM, which exec resets (ru_maxrss keeps the
    peak of the process that forked it, pytest with its models, on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


if __name__ == "__main__":
    main()
