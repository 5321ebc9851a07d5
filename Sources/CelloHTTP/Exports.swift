// Handlers name statuses and header fields (`.created`, `.contentType`): re-export swift-http-types so that
// `import CelloHTTP` is enough, as Hummingbird re-exports the same types.
@_exported import HTTPTypes
