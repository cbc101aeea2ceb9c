"""reportgen: an article in, a briefing pack (Word brief and PowerPoint deck) out."""

__version__ = "0.1.0"
