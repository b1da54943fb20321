#!/usr/bin/env python3
"""Serves a built site (dist/, site/) as a plain static host does, with no
rewrite rules: files as they are (their .br or .gz copy where the browser
takes it, as nginx's brotli_static and gzip_static do), a folder's
index.html (a folder without its slash is redirected to it), and 404.html
with status 404 for anything else, as GitHub Pages and most hosts can be
set to do.

usage: scripts/serve.py [DIR] [PORT]   (default site 8080, on 127.0.0.1)
"""
import http.server
import io
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "site"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)

    def send_head(self):
        path = self.translate_path(self.path)
        accepted = self.headers.get("Accept-Encoding", "")
        for name, ext in (("br", ".br"), ("gzip", ".gz")):
            if name in accepted and os.path.isfile(path + ext):
                with open(path + ext, "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", name)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(root, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


print(f"serving {root} at http://127.0.0.1:{port}/ (Ctrl-C stops)")
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
