# SPDX-License-Identifier: GPL-2.0
"""Marker-compat test runner."""
