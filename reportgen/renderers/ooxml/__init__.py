"""The Office XML core the Word and PowerPoint renderers share.

Modules:
- opc: Office packages as plain parts: read a reference once, copy it, write it;
- package: the zip writer (same content, same bytes);
- core_properties: docProps/core.xml;
- images: an image's pixel size, resolution and natural size;
- xmltext: XML text written as strings, byte for byte as lxml serialises it;
- schema_order: placing a child where its parent's schema sequence wants it (one table per parent);
- namespaces: the prefixes and `qn`; units: EMU and points.
"""
