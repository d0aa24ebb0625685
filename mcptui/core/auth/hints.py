"""Where to create a token for well-known services, matched on the server URL's host."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class TokenHint:
    service: str
    create_url: str
    note: str
    scheme: str = "Bearer"


_HINTS: list[tuple[tuple[str, ...], TokenHint]] = [
    (
        ("github.com", "githubcopilot.com"),
        TokenHint(
            "GitHub",
            "https://github.com/settings/personal-access-tokens/new",
            "a fine-grained personal access token",
        ),
    ),
    (
        ("gitlab.com", "gitlab."),
        TokenHint(
            "GitLab",
            "https://gitlab.com/-/user_settings/personal_access_tokens",
            "a personal access token with the api or read_api scope",
        ),
    ),
    (
        ("sentry.io", "sentry.dev"),
        TokenHint("Sentry", "https://sentry.io/settings/account/api/auth-tokens/", "a user auth token"),
    ),
    (
        ("linear.app",),
        TokenHint(
            "Linear",
            "https://linear.app/settings/account/security",
            "a personal API key (Settings > Security & access)",
        ),
    ),
    (
        ("notion.com", "notion.so"),
        TokenHint("Notion", "https://www.notion.so/profile/integrations", "an internal integration secret"),
    ),
    (
        ("slack.com",),
        TokenHint(
            "Slack",
            "https://api.slack.com/apps",
            "a bot or user OAuth token from your Slack app (xoxb-/xoxp-)",
        ),
    ),
    (
        ("grafana.net", "grafana.com", "grafana."),
        TokenHint(
            "Grafana",
            "https://grafana.com/docs/grafana/latest/administration/service-accounts/",
            "a service account token (Administration > Service accounts)",
        ),
    ),
    (
        ("atlassian.net", "atlassian.com"),
        TokenHint(
            "Jira",
            "https://id.atlassian.com/manage-profile/security/api-tokens",
            "an Atlassian API token (used with your e-mail as Basic auth)",
            "Basic",
        ),
    ),
    (
        ("cloudflare.com", "workers.dev"),
        TokenHint(
            "Cloudflare",
            "https://dash.cloudflare.com/profile/api-tokens",
            "an API token with the permissions the server needs",
        ),
    ),
    (
        ("datadoghq.com", "datadoghq.eu", "ddog-gov.com"),
        TokenHint(
            "Datadog",
            "https://app.datadoghq.com/organization-settings/api-keys",
            "an API key and an application key",
        ),
    ),
    (
        ("pagerduty.com",),
        TokenHint(
            "PagerDuty",
            "https://support.pagerduty.com/main/docs/api-access-keys",
            "a user or general REST API key",
        ),
    ),
    (
        ("honeycomb.io",),
        TokenHint(
            "Honeycomb", "https://ui.honeycomb.io/account", "an API key (Environment settings > API keys)"
        ),
    ),
]


def hint_for(url: str | None) -> TokenHint | None:
    """The hint for the service behind ``url``, or None (then a generic prompt is shown)."""
    host = (urlsplit(url or "").hostname or "").lower()
    if not host:
        return None
    for patterns, hint in _HINTS:
        for pattern in patterns:
            if pattern.endswith("."):
                if host.startswith(pattern) or f".{pattern}" in f".{host}":
                    return hint
            elif host == pattern or host.endswith("." + pattern):
                return hint
    return None
