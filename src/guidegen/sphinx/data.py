"""What the extension keeps per build, in one place: ``GuidegenData(env)``.

Like sphinx-needs' ``SphinxNeedsData``, one accessor over one attribute of Sphinx's
build environment holds all of it, in three kinds:

- **Loaded at build start** (``builder-inited``, in the main process, so parallel
  readers and writers, forked later, inherit it): the checked knowledge base and
  trees, the field texts placeholders may show, the search's words, the feed's
  text. Made again on every build and never pickled with the environment (the
  knowledge base alone would add its records to every parallel reader's reply).
- **Noted by readers about a page** and kept with the environment between builds:
  the titles a page shows. Merged from parallel readers (``env-merge-info``) and
  dropped with its page (``env-purge-doc``).
- **This run's bookkeeping** in the main process: the titles and relations before
  reading, the pages rendered, whether guidegen froze the collector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.handbook.searchwords import SearchWords
    from guidegen.trees.decisiontree import LoadedTree, Tree

#: The one attribute of the build environment that holds the extension's state.
ENV_ATTRIBUTE = "guidegen_data"


@dataclass(frozen=True)
class LoadedContent:
    """The knowledge base and the decision trees, read and checked once per build."""

    base: KnowledgeBase
    loaded_trees: list[LoadedTree]

    @property
    def trees(self) -> list[Tree]:
        return [loaded.tree for loaded in self.loaded_trees]

    def tree_from(self, path: Path) -> Tree | None:
        """The checked tree read from ``path``, if it is one of the handbook's trees."""
        resolved = path.resolve()
        for loaded in self.loaded_trees:
            if loaded.document.path.resolve() == resolved:
                return loaded.tree
        return None


@dataclass
class _ThisBuild:
    """What each build makes again (never pickled)."""

    content: LoadedContent | None = None
    field_texts: dict[str, str] = field(default_factory=dict)
    search_words: SearchWords | None = None
    feed: str | None = None
    titles_before: dict[str, str | None] = field(default_factory=dict)
    relations_before: dict[str, list[str | None]] = field(default_factory=dict)
    rendered_pages: set[str] = field(default_factory=set)
    gc_frozen: bool = False


class _Stored:
    """The state on the environment; pickled without what each build makes again."""

    def __init__(self) -> None:
        #: Per page, the pages whose titles its links show (noted by readers).
        self.shown_titles: dict[str, set[str]] = {}
        self.build = _ThisBuild()

    def __getstate__(self) -> dict[str, Any]:
        return {"shown_titles": self.shown_titles}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.shown_titles = state["shown_titles"]
        self.build = _ThisBuild()


class GuidegenData:
    """Access to the extension's state on the build environment ``env``."""

    def __init__(self, env: BuildEnvironment) -> None:
        stored = getattr(env, ENV_ATTRIBUTE, None)
        if stored is None:
            stored = _Stored()
            setattr(env, ENV_ATTRIBUTE, stored)
        self._stored: _Stored = stored
        self._build = stored.build

    @property
    def content(self) -> LoadedContent:
        """The checked knowledge base and trees (loaded at ``builder-inited``)."""
        if self._build.content is None:
            raise ExtensionError("guidegen: the records are loaded at builder-inited, not yet")
        return self._build.content

    @content.setter
    def content(self, content: LoadedContent) -> None:
        self._build.content = content

    @property
    def field_texts(self) -> dict[str, str]:
        """Every text a field placeholder may show, by its key (``fields.py``)."""
        return self._build.field_texts

    @property
    def search_words(self) -> SearchWords:
        """What the search knows of the handbook's words (``search.py``)."""
        if self._build.search_words is None:
            raise ExtensionError("guidegen: the search words are made at builder-inited, not yet")
        return self._build.search_words

    @search_words.setter
    def search_words(self, words: SearchWords) -> None:
        self._build.search_words = words

    @property
    def feed(self) -> str | None:
        """The Atom feed's text (HTML builds only; ``feed.py``)."""
        return self._build.feed

    @feed.setter
    def feed(self, text: str) -> None:
        self._build.feed = text

    @property
    def shown_titles(self) -> dict[str, set[str]]:
        """Per page, the pages whose titles its links show (``dependencies.py``)."""
        return self._stored.shown_titles

    @property
    def titles_before(self) -> dict[str, str | None]:
        """The titles of the pages about to be read, before reading (``dependencies.py``)."""
        return self._build.titles_before

    @titles_before.setter
    def titles_before(self, titles: dict[str, str | None]) -> None:
        self._build.titles_before = titles

    @property
    def relations_before(self) -> dict[str, list[str | None]]:
        """Every page's parent, previous and next page before reading (``dependencies.py``)."""
        return self._build.relations_before

    @relations_before.setter
    def relations_before(self, relations: dict[str, list[str | None]]) -> None:
        self._build.relations_before = relations

    @property
    def rendered_pages(self) -> set[str]:
        """The pages the builder rendered in the main process this run (``published.py``)."""
        return self._build.rendered_pages

    @property
    def gc_frozen(self) -> bool:
        """Whether guidegen froze the collector for this build (``gcfreeze.py``)."""
        return self._build.gc_frozen

    @gc_frozen.setter
    def gc_frozen(self, frozen: bool) -> None:
        self._build.gc_frozen = frozen


def purge_data(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what readers noted about a page that is read again or removed."""
    GuidegenData(env).shown_titles.pop(docname, None)


def merge_data(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take what a parallel reader noted about the pages it read."""
    theirs = GuidegenData(other).shown_titles
    ours = GuidegenData(env).shown_titles
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]
