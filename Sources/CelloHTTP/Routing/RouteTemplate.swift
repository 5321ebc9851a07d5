import Hummingbird

/// A route template such as `/api/users/{id}`: literal segments and whole-segment `{name}` parameters.
///
/// The template is what a server span reports as `http.route` and what Prometheus uses as the `path` label
/// (docs/cello-telemetry.md section 3.1 and section 5); Hummingbird's router is given the `:name` form.
struct RouteTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The template in its normalised `{name}` form, always starting with `/`.
    let description: String
    /// The path handed to Hummingbird's trie router (`/api/users/:id`).
    let routerPath: RouterPath
    /// Parameter names in order of appearance.
    let parameterNames: [String]
    /// Each path segment: a literal, or nil for a parameter (named in `parameterNames`).
    private let literals: [String?]

    /// Parses a template.
    /// - Throws: `AppError` with code `.invalidRouteTemplate` naming the template and the bad segment.
    init(_ template: String) throws(AppError) {
        guard template.first == "/" else {
            throw AppError(.invalidRouteTemplate, "route template \"\(template)\" must start with \"/\"")
        }
        var segments: [String] = []
        var names: [String] = []
        var routerSegments: [String] = []
        var literals: [String?] = []
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
                literals.append(nil)
            } else {
                guard !segment.contains(where: { "{}:*?#".contains($0) }) else {
                    throw AppError(
                        .invalidRouteTemplate,
                        "route template \"\(template)\": segment \"\(segment)\" holds a reserved character ({}:*?#)"
                    )
                }
                segments.append(String(segment))
                routerSegments.append(String(segment))
                literals.append(String(segment))
            }
        }
        self.description = "/" + segments.joined(separator: "/")
        self.routerPath = RouterPath("/" + routerSegments.joined(separator: "/"))
        self.parameterNames = names
        self.literals = literals
    }

    /// The two parameter names that make Hummingbird's trie router refuse this template next to `other`, whatever
    /// the methods: both templates share a prefix and then name a parameter at the same position differently
    /// (`/a/{id}` and `/a/{name}/b`).
    func conflictingParameters(with other: RouteTemplate) -> (String, String)? {
        var ownParameter = 0
        var otherParameter = 0
        for (mine, theirs) in zip(self.literals, other.literals) {
            switch (mine, theirs) {
            case (let mine?, let theirs?):
                guard mine == theirs else { return nil }
            case (nil, nil):
                let names = (self.parameterNames[ownParameter], other.parameterNames[otherParameter])
                guard names.0 == names.1 else { return names }
                ownParameter += 1
                otherParameter += 1
            default:
                // A literal and a parameter at the same position are different branches of the trie.
                return nil
            }
        }
        return nil
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
