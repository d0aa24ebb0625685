"""Token hints for well-known services."""

import pytest

from mcptui.core.auth.hints import hint_for


@pytest.mark.parametrize(
    ("url", "service"),
    [
        ("https://api.githubcopilot.com/mcp/", "GitHub"),
        ("https://gitlab.com/api/v4/mcp", "GitLab"),
        ("https://gitlab.example.org/mcp", "GitLab"),
        ("https://mcp.sentry.dev/mcp", "Sentry"),
        ("https://mcp.linear.app/mcp", "Linear"),
        ("https://mcp.notion.com/mcp", "Notion"),
        ("https://mcp.slack.com/mcp", "Slack"),
        ("https://x.grafana.net/mcp", "Grafana"),
        ("https://acme.atlassian.net/mcp", "Jira"),
        ("https://bindings.mcp.cloudflare.com/mcp", "Cloudflare"),
        ("https://mcp.datadoghq.com/mcp", "Datadog"),
        ("https://mcp.pagerduty.com/mcp", "PagerDuty"),
        ("https://mcp.honeycomb.io/mcp", "Honeycomb"),
    ],
)
def test_known_services(url, service):
    hint = hint_for(url)
    assert hint is not None and hint.service == service and hint.create_url.startswith("https://")


def test_unknown_and_lookalike_hosts_get_no_hint():
    assert hint_for("https://mcp.example.com/mcp") is None
    assert hint_for("https://notgithub.com/mcp") is None
    assert hint_for(None) is None
