"""Fixtures every browser test shares: one Chromium per module, and a Dutch desktop page that
fails the test on any JavaScript error. They are defined once, in test_browser.py."""

from tests.e2e.test_browser import base_url, browser, page  # noqa: F401 (fixtures)
