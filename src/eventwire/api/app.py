"""The HTTP API and the web page over one store: ``create_app(url, token)``; ``eventwire serve`` runs it.

Read-only unless started with a token; then ``POST /api/ingest`` takes articles with ``Authorization: Bearer
TOKEN``. Every query is parameterised, page sizes are capped, CORS is off (no cross-origin headers are sent)
and the page is served with a Content-Security-Policy that allows only its own scripts.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.api import queries
from eventwire.api.guard import Guard, error_body, token_matches
from eventwire.config import Settings, load_config
from eventwire.errors import EventwireError
from eventwire.export import export
from eventwire.store import Store, open_store
from eventwire.views import Filters

MAX_PAGE = 500
MAX_OFFSET = 2**31  # past any store's rows, and inside every database's integers
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def filters(
    request: Request,
    since: Annotated[str | None, Query(description="Events on or after this ISO date.")] = None,
    until: Annotated[str | None, Query(description="Events on or before this ISO date.")] = None,
    country: Annotated[str | None, Query(description="ISO3 codes, comma-separated: place or actor.")] = None,
    type: Annotated[str | None, Query(description="PLOVER types, comma-separated.")] = None,
    actor: Annotated[str | None, Query(description="Words in the source's or target's name.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    q: Annotated[str | None, Query(description="Full-text search over the articles.")] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Events at least this likely to be right (0-1).")
    ] = None,
) -> Filters:
    articles = None
    if q and q.strip():
        articles = tuple(hit["id"] for hit in request.app.state.store.search(q, limit=1000))
    try:
        return Filters.parse(since, until, country, type, actor, bbox, articles, min_confidence)
    except EventwireError as err:
        raise HTTPException(422, f"{err.subject or 'bbox'}: {err.message}") from err


@functools.lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    from eventwire.geo.gazetteer import gazetteer

    return gazetteer().labels()


def store(request: Request) -> Store:
    found: Store = request.app.state.store
    return found


StoreArg = Annotated[Store, Depends(store)]
FilterArgs = Annotated[Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def create_app(url: str, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over the store at ``url``; ``settings`` (model, annotators…) are what POST /api/ingest
    processes with, the server's own."""
    ingest_settings = dataclasses.replace(settings or load_config(), db=url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(url)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Events, actors, places and quotes from news, each linked to the words it came from.",
        lifespan=lifespan,
        docs_url=None,  # served below from the bundled Swagger UI: FastAPI's pages load it from a CDN
        redoc_url=None,
    )

    # Endpoints are async: the store's one connection is used from the event loop's thread only.

    @app.get("/api/stats", tags=["store"])
    async def stats(db: StoreArg) -> dict[str, Any]:
        return db.stats()

    @app.get("/api/status", tags=["store"])
    async def status(db: StoreArg) -> dict[str, Any]:
        """The watched sources (`eventwire watch`): when each was checked, its status, failures in a row,
        next check (seconds since the epoch) and articles stored; the latest runs; the store's counts."""
        return queries.status(db)

    @app.get("/api/events", tags=["events"])
    async def events(
        db: StoreArg, where: FilterArgs, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Events, newest first, one flat row each (the columns of `eventwire export`)."""
        return queries.events(db, where, limit, offset)

    @app.get("/api/map", tags=["events"])
    async def map_points(db: StoreArg, where: FilterArgs) -> dict[str, Any]:
        """Every matching event with a place, as [event id, lat, lon, type, place name, date]."""
        return {"points": queries.map_points(db, where)}

    @app.get("/api/timeline", tags=["events"])
    async def timeline(db: StoreArg, where: FilterArgs) -> dict[str, Any]:
        """Events per day (events dated to a day only)."""
        return {"days": queries.timeline(db, where)}

    @app.get("/api/facets", tags=["events"])
    async def facets(db: StoreArg, where: FilterArgs) -> dict[str, Any]:
        """Counts of the matching events by type and by country of their place."""
        return queries.facets(db, where)

    @app.get("/api/happenings", tags=["happenings"])
    async def happenings(
        db: StoreArg, where: FilterArgs, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Happenings (story clusters), the most reported first."""
        return queries.happenings(db, where, limit, offset)

    @app.get("/api/happenings/map", tags=["happenings"])
    async def happening_map(db: StoreArg, where: FilterArgs) -> dict[str, Any]:
        """Every matching happening with a place, as [id, lat, lon, type, place name, first date, articles,
        independent outlets, the place's precision (point, city, adm2, adm1, country, region: the last
        four are areas, not points)]."""
        return {"points": queries.happening_points(db, where)}

    @app.get("/api/counts", tags=["events"])
    async def counts(
        db: StoreArg,
        where: FilterArgs,
        by: Annotated[
            Literal["type", "country"], Query(description="Count per type or per country.")
        ] = "type",
        per: Annotated[
            Literal["day", "week"], Query(description="Per day, or per week (its Monday).")
        ] = "week",
    ) -> dict[str, Any]:
        """Matching events dated to a day, counted per period and per type (or place country):
        [period, key, count]."""
        return {"rows": queries.counts(db, where, by, per)}

    @app.get("/api/export", tags=["events"])
    async def export_view(
        db: StoreArg,
        where: FilterArgs,
        format: Annotated[Literal["csv", "geojson", "jsonl"], Query()] = "csv",
        view: Annotated[Literal["events", "happenings"], Query()] = "events",
    ) -> Response:
        """The matching events (or happenings) as a file, written by the code of `eventwire export`."""
        folder = tempfile.mkdtemp(prefix="eventwire-export-")
        path = str(Path(folder) / f"eventwire-{view}.{format}")
        export(db, format, path, where, view == "happenings")
        return FileResponse(
            path,
            filename=Path(path).name,
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    @app.get("/api/basemap", tags=["store"])
    async def basemap() -> dict[str, Any]:
        """Labels for the map from the bundled gazetteer: populated places (name, lat, lon, population,
        capital) and first-level divisions (name, lat, lon)."""
        return labels()

    @app.get("/api/happenings/{happening_id}", tags=["happenings"])
    async def happening(db: StoreArg, happening_id: str) -> dict[str, Any]:
        """One happening with its events and the outlets that reported it, earliest first."""
        found = queries.happening(db, happening_id)
        if found is None:
            raise HTTPException(404, "no such happening")
        return found

    @app.get("/api/articles", tags=["articles"])
    async def articles(db: StoreArg, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return queries.articles(db, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    async def article(db: StoreArg, article_id: str) -> dict[str, Any]:
        """The article with all its records, its copy links and the happenings of its events."""
        found = db.get_article(article_id)
        if found is None:
            raise HTTPException(404, "no such article")
        return {
            **found.as_dict(),
            "links": db.links(article_id),
            "happenings": queries.article_happenings(db, article_id),
        }

    @app.get("/api/actors", tags=["records"])
    async def actors(
        db: StoreArg, q: Annotated[str | None, Query()] = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Actors by name, country and sector, with how many articles mention them."""
        return queries.actors(db, q, limit, offset)

    @app.get("/api/places", tags=["records"])
    async def places(db: StoreArg, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Places by GeoNames id, with coordinates and how many articles name them."""
        return queries.places(db, limit, offset)

    @app.get("/api/quotes", tags=["records"])
    async def quotes(
        db: StoreArg, speaker: Annotated[str | None, Query()] = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Quotes with their speakers."""
        return queries.quotes(db, speaker, limit, offset)

    @app.get("/api/search", tags=["articles"])
    async def search(
        db: StoreArg, q: Annotated[str, Query(min_length=1)], limit: Limit = 20
    ) -> dict[str, Any]:
        """Full-text search over titles and bodies."""
        return {"items": db.search(q, limit)}

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        # Guard checked the token before the body was read; this keeps the endpoint closed on its own too.
        if token is None or not token_matches(authorization, token):
            raise HTTPException(
                401 if token else 403, "ingest needs the server's token" if token else "read-only"
            )

    @app.post("/api/ingest", tags=["store"], dependencies=[Depends(authorised)])
    def ingest(items: Annotated[list[dict[str, Any]], Body(max_length=100)]) -> dict[str, Any]:
        """Articles as JSON objects ({"text" or "html", "url", "title", "published", "source"}), processed
        and stored. Only when the server was started with --token, and only with that token."""
        return queries.ingest(ingest_settings, items)  # a worker thread, with a store connection of its own

    static = resources.files("eventwire.web")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(str(static.joinpath("index.html")))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return FileResponse(str(static.joinpath("docs.html")))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        return Response(
            error_body(err.status_code, str(err.detail)), err.status_code, media_type="application/json"
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in err.errors()
        )
        return Response(error_body(422, problems), 422, media_type="application/json")

    app.add_middleware(Guard, token=token)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
