# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only check of the page map against a live Admin Center (module twilio_admin_center_check)."""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio import console_pages as ui


class PageMapCheck:
    """Walks the SSO list, one profile and its edit form without writing, and tells which entries it found."""

    def __init__(self, driver):
        self.driver = driver
        self.keys = {}
        self.snapshots = []

    def run(self, friendly_name=None):
        driver = self.driver
        driver.open_sso_list()
        self._look("Single Sign-On list", ("nav_sso", "create_profile", "profiles_list", "open_profile"))
        profiles = driver.list_profiles()
        chosen = [p for p in profiles if friendly_name in (None, p["friendly_name"])]
        if chosen:
            driver.open_profile(chosen[0]["ref"])
            self._look(
                "profile",
                (
                    "sp_entity_id",
                    "sp_acs_url",
                    "download_sp_metadata",
                    "status",
                    "friendly_name",
                    "identity_provider",
                    "idp_entity_id",
                    "idp_sso_url",
                    "idp_certificate",
                    "edit",
                    "delete",
                    "test_connection",
                    "last_test",
                    "enforced_domains",
                    "enforce_sso",
                ),
            )
            driver.open_identity_provider_form()
            self._look(
                "identity provider form",
                ("friendly_name", "identity_provider", "idp_entity_id", "idp_sso_url", "idp_certificate", "save"),
            )
        driver.open_domains()
        self._look("Domains", ("domains_list",))
        for key, entry in ui.PAGES.items():
            self.keys.setdefault(key, {"status": "not_checked", "page": entry.page})
        if driver.logged_in:
            for key in ("login_email", "login_password", "login_submit"):
                self.keys[key]["status"] = "found"
        return {
            "changed": False,
            "keys": self.keys,
            "artifacts": self.snapshots,
            "profiles": [p["friendly_name"] for p in profiles],
        }

    def _look(self, page_name, keys):
        for key in keys:
            if self.driver.present(key):
                self.keys[key] = {"status": "found", "page": page_name}
            else:
                self.keys.setdefault(key, {"status": "missing", "page": page_name})  # where it was first missed
        self.snapshots.append(self.driver.browser.save_snapshot(page_name))
