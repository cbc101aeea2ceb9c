"""The PowerPoint renderer: a deck Outline onto a reference .pptx's layouts, planned and fitted first.

Modules:
- render: the entry point (`render`, `prepare`): plans slides, fits text, writes them;
- reference: what is read once from a reference .pptx/.potx (layouts, placeholders, sizes);
- fit: text measurement with real font metrics, so slides split before they overflow;
- visuals: planning key figures and tables on slides;
- timeline: planning a timeline drawn with native shapes;
- chart: a native, editable bar or column chart; workbook: the .xlsx behind it;
- shapes: planned shapes and how each is written onto a slide;
- slide: one slide (or notes slide) being written: shapes, ids, relationships;
- brand: the pack's logo and accent on title slides;
- package: the deck's package: the reference's parts, new slides, notes, charts and media;
- pml: PresentationML/DrawingML text written as XML strings.
Format-neutral Office XML is in reportgen.renderers.ooxml; nothing here imports the Word renderer.
"""
