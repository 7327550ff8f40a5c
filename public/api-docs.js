// Starts the API reference (Scalar, served from /vendor) on the generated OpenAPI document.
globalThis.Scalar.createApiReference('#app', {
  url: '/api/v1/openapi.json',
  withDefaultFonts: false,
  hideClientButton: true,
});
