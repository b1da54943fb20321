#!/usr/bin/env python3
"""Serves a built site (dist/) as any static host would: files as they are,
and index.html for a path that is not a file (the single-page app's
fallback, so /unit/00004 and other deep links load the app).

usage: scripts/serve.py [DIR] [PORT]   (default dist 8080, on 127.0.0.1)
"""
import http.server
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "dist"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)

    def send_head(self):
        path = self.translate_path(self.path)
        name = os.path.basename(self.path.split("?")[0])
        if not os.path.exists(path) and "." not in name:
            self.path = "/index.html"
        return super().send_head()


print(f"serving {root} at http://127.0.0.1:{port}/ (Ctrl-C stops)")
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
