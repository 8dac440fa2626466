# SPDX-License-Identifier: GPL-2.0
#
# Developer entry point.  Kernel builds (in-tree as drivers/marker-compat,
# and out of tree with make -C <kernel> M=<here>) read ./Kbuild, which
# kbuild prefers to this file; should anything in kbuild ever include this
# file anyway, it hands over to Kbuild.

ifneq ($(KERNELRELEASE),)
include $(dir $(lastword $(MAKEFILE_LIST)))Kbuild
else

SHELL := /bin/bash
# make modules builds for the running kernel when its headers are
# installed, else for the newest of Debian's headers; KDIR overrides both.
RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
NEWEST_KDIR := $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
KDIR ?= $(if $(wildcard $(RUNNING_KDIR)/Makefile),$(RUNNING_KDIR),$(NEWEST_KDIR))
KDIR_WHY := $(if $(filter command line environment,$(origin KDIR)),KDIR as given,$(if \
	$(filter $(RUNNING_KDIR),$(KDIR)),the running kernel's headers,the newest \
	installed headers: none for the running kernel $(shell uname -r)))

# The kernels of scripts/kernels that make check runs (MARKER_KVERS overrides).
KVERS := $(shell . scripts/env.sh && echo $$MARKER_KVERS)

.PHONY: help setup check checkpatch oot-build dkms kunit demo bench modules clean

help:
	@echo 'make check       install/prepare everything (scripts/setup.sh), run every test (scripts/mct.py check)'
	@echo 'make setup       install the Debian packages, unpack and prepare the kernel trees'
	@echo 'make checkpatch  checkpatch.pl --strict over the C files'
	@echo 'make oot-build   marker_compat.ko and samples against the installed headers, sparse + W=1'
	@echo 'make dkms        the DKMS package: the .deb, dkms build, its install (in a mount namespace), a client'
	@echo 'make kunit       KUnit on UML, $(KVERS) (kunit-VERSION for one, of scripts/kernels)'
	@echo 'make demo        marker events end to end with trace-cmd (scripts/mct.py demo)'
	@echo 'make bench       a marker site and event next to a tracepoint, on 6.1 and 7.3 (scripts/mct.py bench)'
	@echo 'make modules     build marker_compat.ko here against $(or $(KDIR),<no headers found>)'
	@echo 'make clean       remove build products from this directory'

setup:
	scripts/setup.sh

check: setup
	scripts/mct.py check

checkpatch oot-build:
	scripts/$@.sh

dkms:
	scripts/dkms-check.sh

kunit: $(addprefix kunit-,$(KVERS))

kunit-%:
	scripts/mct.py kunit-uml $*

demo: setup
	scripts/mct.py demo

bench: setup
	scripts/mct.py bench

modules:
	@[ -n "$(KDIR)" ] || { echo 'no $(RUNNING_KDIR) nor /usr/src/linux-headers-*-amd64: run make setup or set KDIR' >&2; exit 1; }
	@echo "modules: building against $(KDIR) ($(KDIR_WHY))"
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	find . -type f ! -path './.git/*' \( -name '*.o' -o -name '*.ko' \
		-o -name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.a' \
		-o -name '*.order' -o -name Module.symvers -o -name '*.dwo' \
		-o -name '*.su' \) -print -delete
	rm -rf .tmp_versions

endif
