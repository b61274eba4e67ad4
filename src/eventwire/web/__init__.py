"""The web page's files: index.html, app.js, app.css and the third-party assets in vendor/ (`make vendor`)."""
