"""What can go wrong while reading the corpus, each error naming the input and the reason.

ExtractError
├── ManifestError   plans.toml is missing, malformed or inconsistent
├── SourceError     a source file is missing, empty or not UTF-8
├── LayoutError     a source is in no layout the extractor knows, or breaks its layout's rules
└── ReviewError     reviews.toml is malformed, or a verdict names no link that can exist
"""

from __future__ import annotations


class ExtractError(Exception):
    """Raised when the corpus cannot be turned into records."""

    def __init__(self, subject: str, reason: str) -> None:
        super().__init__(f"{subject}: {reason}")
        self.subject = subject
        self.reason = reason


class ManifestError(ExtractError):
    """Raised when ``plans.toml`` is missing, malformed or names something that is not there."""


class SourceError(ExtractError):
    """Raised when a source file is missing, empty or not UTF-8 text."""


class LayoutError(ExtractError):
    """Raised when a source is in no known layout, or its structure breaks the layout's rules."""


class ReviewError(ExtractError):
    """Raised when the reviews file is malformed or a verdict names no link that can exist."""
