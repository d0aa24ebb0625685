"""The demo server's prompts, resources, resource templates, completion and subscription handlers."""

import json
from typing import Annotated, Literal

from mcp.server.context import ServerRequestContext
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError
from mcp.server.mcpserver.prompts.base import AssistantMessage, Message, UserMessage
from mcp.types import (
    Completion,
    CompletionArgument,
    CompletionContext,
    EmbeddedResource,
    EmptyResult,
    PromptReference,
    ResourceTemplateReference,
    SetLevelRequestParams,
    SubscribeRequestParams,
    TextResourceContents,
    UnsubscribeRequestParams,
)
from pydantic import Field

from mcptui.demo.content import (
    CONFIG_JSON,
    GREETING_NAMES,
    ITEMS,
    LANGUAGES,
    README_MARKDOWN,
    make_png,
)
from mcptui.demo.state import DemoState

STYLES = ["concise", "detailed", "bullet points", "eli5"]


def register_prompts(mcp: MCPServer) -> None:
    """Register the demo prompts on `mcp`."""

    @mcp.prompt(title="Code review")
    def review_code(
        code: Annotated[str, Field(description="The code to review")],
        language: Annotated[str, Field(description="Programming language (completable)")] = "python",
    ) -> str:
        """Ask for a review of a piece of code."""
        return f"Please review this {language} code:\n\n```{language}\n{code}\n```"

    @mcp.prompt(title="Summarize a topic")
    def summarize(
        topic: Annotated[str, Field(description="What to summarise")],
        style: Annotated[
            str, Field(description="concise, detailed, bullet points or eli5 (completable)")
        ] = "concise",
        max_words: Annotated[str, Field(description="Upper bound on the length, in words")] = "100",
    ) -> str:
        """Ask for a summary with an optional style and length."""
        return f"Summarise {topic} in a {style} style, in at most {max_words} words."

    @mcp.prompt(title="Conversation with a resource")
    def conversation(
        topic: Annotated[str, Field(description="Conversation topic")],
        tone: Annotated[Literal["friendly", "formal"], Field(description="Tone of the answer")] = "friendly",
    ) -> list[Message]:
        """Several messages (user, assistant, user with an embedded resource)."""
        return [
            UserMessage(f"Let's talk about {topic}. Keep it {tone}."),
            AssistantMessage(f"Sure. What would you like to know about {topic}?"),
            UserMessage(
                EmbeddedResource(
                    type="resource",
                    resource=TextResourceContents(
                        uri="demo://readme", mime_type="text/markdown", text=README_MARKDOWN
                    ),
                )
            ),
            UserMessage("Use the document above as context."),
        ]


def register_resources(mcp: MCPServer, state: DemoState) -> None:
    """Register the demo static resources and resource templates on `mcp`."""

    @mcp.resource("demo://readme", name="readme", title="README", mime_type="text/markdown")
    def readme() -> str:
        """What this demo server offers (Markdown text)."""
        return README_MARKDOWN

    @mcp.resource("demo://config.json", name="config", title="Configuration", mime_type="application/json")
    def config() -> str:
        """A JSON document."""
        return CONFIG_JSON

    @mcp.resource("demo://logo.png", name="logo", title="Logo", mime_type="image/png")
    def logo() -> bytes:
        """A binary resource (an 8x8 PNG, returned as a base64 blob)."""
        return make_png(8, 8, "blue")

    @mcp.resource("demo://status", name="status", title="Server status", mime_type="application/json")
    def status() -> str:
        """Live server state: log level, subscriptions, slow_count runs (running, cancelled, finished)."""
        return json.dumps(state.status(), indent=2)

    @mcp.resource("greeting://{name}", name="greeting", title="Greeting", mime_type="text/plain")
    def greeting(name: str) -> str:
        """Greet someone by name (template; name is completable)."""
        return f"Hello, {name}!"

    @mcp.resource("demo://items/{id}", name="item", title="Item by id", mime_type="application/json")
    def item(id: str) -> str:
        """One item of a small catalogue as JSON (template; id is completable: 1, 2, 3, 42)."""
        if id not in ITEMS:
            raise ResourceNotFoundError(f"No item with id {id!r}; known ids: {', '.join(ITEMS)}")
        return json.dumps(ITEMS[id], indent=2)


def _matching(values: list[str], prefix: str) -> Completion:
    hits = [v for v in values if v.startswith(prefix)]
    return Completion(values=hits, total=len(hits), has_more=False)


def register_completion(mcp: MCPServer) -> None:
    """Register the completion handler for prompt arguments and template parameters."""

    @mcp.completion()
    async def complete(
        ref: PromptReference | ResourceTemplateReference,
        argument: CompletionArgument,
        context: CompletionContext | None,
    ) -> Completion | None:
        if isinstance(ref, PromptReference):
            if argument.name == "language":
                return _matching(LANGUAGES, argument.value)
            if argument.name == "style":
                return _matching(STYLES, argument.value)
            if argument.name == "tone":
                return _matching(["friendly", "formal"], argument.value)
        elif isinstance(ref, ResourceTemplateReference):
            if argument.name == "name":
                return _matching(GREETING_NAMES, argument.value)
            if argument.name == "id":
                return _matching(list(ITEMS), argument.value)
        return None


def register_legacy_handlers(mcp: MCPServer, state: DemoState) -> None:
    """Handlers MCPServer lacks for the 2025-11-25 era: resources/(un)subscribe and logging/setLevel."""
    lowlevel = mcp._lowlevel_server  # noqa: SLF001 - MCPServer has no public hook for these methods

    async def subscribe(ctx: ServerRequestContext, params: SubscribeRequestParams) -> EmptyResult:
        state.subscriptions.add(str(params.uri))
        return EmptyResult()

    async def unsubscribe(ctx: ServerRequestContext, params: UnsubscribeRequestParams) -> EmptyResult:
        state.subscriptions.discard(str(params.uri))
        return EmptyResult()

    async def set_level(ctx: ServerRequestContext, params: SetLevelRequestParams) -> EmptyResult:
        state.set_log_level(ctx.session, params.level)
        return EmptyResult()

    lowlevel.add_request_handler("resources/subscribe", SubscribeRequestParams, subscribe)
    lowlevel.add_request_handler("resources/unsubscribe", UnsubscribeRequestParams, unsubscribe)
    lowlevel.add_request_handler("logging/setLevel", SetLevelRequestParams, set_level)
