# Diplomacy360 Desktop — two commands:
#   make run    install what is missing, build, start the app
#   make test   the same plus test tools, then the whole suite
#
# Debian 12 is the floor. As root, missing Debian packages are installed with
# apt-get (one `apt-get update`, then install); otherwise they are listed.

BUILD_DIR ?= build
MESON     ?= meson
SHELL     := /bin/bash

RUN_PKGS := meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin \
	libgtk-4-dev libadwaita-1-dev libsqlite3-dev libxlsxwriter-dev libpoppler-glib-dev \
	libical-dev libjson-glib-dev iso-codes desktop-file-utils appstream libgtk-4-bin adwaita-icon-theme \
	fonts-cantarell locales

TEST_PKGS := xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-dogtail python3-pyatspi \
	python3-gi python3-yaml python3-openpyxl poppler-utils imagemagick clang \
	libclang-rt-14-dev flatpak-builder hyperfine python3-vobject sqlite3

.PHONY: all run test deps test-deps setup build clean bench

all: build

deps:
	@tools/ensure-packages $(RUN_PKGS)

test-deps:
	@tools/ensure-packages $(RUN_PKGS) $(TEST_PKGS)
	@tools/ensure-locales ro_RO.UTF-8 en_US.UTF-8

$(BUILD_DIR)/build.ninja:
	$(MESON) setup $(BUILD_DIR) --prefix=/usr

setup: $(BUILD_DIR)/build.ninja

build: setup
	$(MESON) compile -C $(BUILD_DIR)

run: deps
	@$(MAKE) --no-print-directory build
	$(MESON) devenv -C $(BUILD_DIR) ./src/diplomacy360 $(ARGS)

test: test-deps
	@$(MAKE) --no-print-directory build
	@tools/run-tests $(BUILD_DIR)

bench: test-deps
	@$(MAKE) --no-print-directory build
	bench/run-all $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
