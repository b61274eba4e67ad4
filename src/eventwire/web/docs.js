// The API's OpenAPI page from the bundled Swagger UI: no CDN, and no inline script for the CSP to refuse.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
