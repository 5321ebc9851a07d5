import Hummingbird

/// A route template such as `/api/users/{id}`: literal segments and whole-segment `{name}` parameters.
///
/// The template is what a server span reports as `http.route` and what Prometheus uses as the `path` label
/// (cello-telemetry.md section 3.1 and section 5); Hummingbird's router is given the `:name` form.
struct RouteTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The template in its normalised `{name}` form, always starting with `/`.
    let description: String
    /// The path handed to Hummingbird's trie router (`/api/users/:id`).
    let routerPath: RouterPath
    /// Parameter names in order of appearance.
    let parameterNames: [String]

    /// Parses a template.
    /// - Throws: `AppError` with code `.invalidRouteTemplate` naming the template and the bad segment.
    init(_ template: String) throws(AppError) {
        guard template.first == "/" else {
            throw AppError(.invalidRouteTemplate, "route template \"\(template)\" must start with \"/\"")
        }
        var segments: [String] = []
        var names: [String] = []
        var routerSegments: [String] = []
        for segment in template.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.first == "{" || segment.last == "}" {
                guard segment.count > 2, segment.first == "{", segment.last == "}" else {
                    throw AppError(
                        .invalidRouteTemplate,
                        "route template \"\(template)\": segment \"\(segment)\" must be a whole {name}"
                    )
                }
                let name = String(segment.dropFirst().dropLast())
                guard Self.isValidParameterName(name), !names.contains(name) else {
                    throw AppError(
                        .invalidRouteTemplate,
                        "route template \"\(template)\": parameter \"\(name)\" is empty, repeated or not [A-Za-z0-9_]"
                    )
                }
                names.append(name)
                segments.append("{\(name)}")
                routerSegments.append(":\(name)")
            } else {
                guard !segment.contains(where: { "{}:*?#".contains($0) }) else {
                    throw AppError(
                        .invalidRouteTemplate,
                        "route template \"\(template)\": segment \"\(segment)\" holds a reserved character ({}:*?#)"
                    )
                }
                segments.append(String(segment))
                routerSegments.append(String(segment))
            }
        }
        self.description = "/" + segments.joined(separator: "/")
        self.routerPath = RouterPath("/" + routerSegments.joined(separator: "/"))
        self.parameterNames = names
    }

    static func == (lhs: RouteTemplate, rhs: RouteTemplate) -> Bool {
        lhs.description == rhs.description
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.description)
    }

    private static func isValidParameterName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }
}
