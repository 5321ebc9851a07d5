import HTTPTypes
import Hummingbird
import Logging
import Tracing

/// The first middleware of every traced route: one SERVER span and one set of `cello_http_*` measurements per
/// request (docs/cello-telemetry.md sections 3.1 and 5).
///
/// The router stores the matched route in `context.endpointPath` before the route's middleware runs, so the
/// template is known when the span starts; for unmatched requests (404) it is nil. Errors never escape: a thrown
/// `HTTPResponseError` becomes its own response, anything else a 500 with the error recorded on the span, so that
/// the span and the metrics see the status the client gets. Health and metrics routes are registered before this
/// middleware and never reach it; unmatched requests under those paths are skipped here too.
struct RequestObserverMiddleware: RouterMiddleware {
    typealias Context = CelloRequestContext

    let spans: ServerSpanRecorder?
    let metrics: HTTPServerMetrics?
    let unobservedPaths: UnobservedPaths

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let route = context.endpointPath
        if route == nil, self.unobservedPaths.contains(request.uri.path) {
            return try await next(request, context)
        }
        let start = ContinuousClock.now
        self.metrics?.requestStarted()
        let span = self.spans?.start(request, context: context, route: route)

        let outcome: Outcome
        if let span {
            outcome = await ServiceContext.withValue(span.context) {
                await Self.respond(request, context: context, next: next)
            }
        } else {
            outcome = await Self.respond(request, context: context, next: next)
        }

        let duration = start.duration(to: .now)
        let status = Int(outcome.response.status.code)
        if let span {
            self.spans?.finish(span, status: status, duration: duration, error: outcome.recordedError)
        }
        self.metrics?.requestFinished(
            method: request.method.rawValue,
            status: status,
            route: route,
            duration: duration,
            responseBytes: outcome.response.body.contentLength ?? 0
        )
        return outcome.response
    }

    private struct Outcome {
        var response: Response
        /// The error to record as an `exception` event: thrown and answered with a 5xx.
        var recordedError: (any Error)?
    }

    private static func respond(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async -> Outcome {
        do {
            return Outcome(response: try await next(request, context), recordedError: nil)
        } catch let error as any HTTPResponseError {
            let response =
                (try? error.response(from: request, context: context)) ?? Response(status: error.status)
            return Outcome(response: response, recordedError: error.status.code >= 500 ? error : nil)
        } catch {
            context.logger.error("handler failed", metadata: ["error": "\(error)"])
            let response = (try? CelloResponse.json(["error": "internal server error"], status: .internalServerError))
                .map(Response.init) ?? Response(status: .internalServerError)
            return Outcome(response: response, recordedError: error)
        }
    }
}

/// Paths the App never traces or counts: the Prometheus endpoint and everything under `/health`.
struct UnobservedPaths: Sendable {
    let metricsEndpoint: String?

    func contains(_ path: String) -> Bool {
        path == self.metricsEndpoint || path == "/health" || path.hasPrefix("/health/")
    }
}
