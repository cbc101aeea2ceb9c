"""The Office XML core the Word and PowerPoint renderers share.

Modules:
- opc: Office packages as plain parts: unzip, copy, write;
- references: a reference file read once per version, through the allowlist;
- allowlist: what an output may hold of a reference (relationship types, no DOCTYPE, fields);
- fields: Word fields in a part, and unlinking them to their text;
- package: the zip writer (same content, same bytes);
- core_properties: docProps/core.xml;
- images: an image's pixel size, resolution and natural size;
- xmltext: XML text written as strings, byte for byte as lxml serialises it;
- schema_order: placing a child where its parent's schema sequence wants it (one table per parent);
- namespaces: the prefixes and `qn`; units: EMU and points.
"""
