"""The Word renderer: a brief Outline onto a reference .docx's styles, written as WordprocessingML.

Modules:
- render: the entry point (`render`, `prepare`): maps Outline blocks onto the reference's styles;
- reference: what is read once from a reference .docx (styles by identity, page size, parts);
- story: paragraphs and runs of a story (body, header, footer, table cell);
- tables: data tables (facts, timeline, actors) and one-cell boxes;
- toc: the table of contents, with page numbers computed at layout;
- headers: the marking at the top and bottom of every page, and "Page X of Y";
- styles: the pack's typefaces and the article's language on styles.xml;
- parts: the parts a brief adds to or rewrites in the reference's package;
- wml: WordprocessingML elements, one small function each.
Format-neutral Office XML (namespaces, escaping, schema order, packages, images) is in
reportgen.renderers.ooxml; nothing here imports the PowerPoint renderer.
"""
