import Foundation

/// Just enough of an HTML scanner for the tests: the start tags of a page with their attributes (values as
/// written, entities not decoded). Text never holds a raw `<` in an escaped page, so every match is a real tag.
enum HTMLScan {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    static func tags(_ html: String) -> [Tag] {
        let tag = try! Regex(#"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"]|"[^"]*")*)>"#)
        let attribute = try! Regex(#"([^\s"'=/>]+)(?:\s*=\s*"([^"]*)")?"#)
        return html.matches(of: tag).map { match in
            let name = String(match.output[1].substring ?? "").lowercased()
            var attributes: [String: String] = [:]
            for found in String(match.output[2].substring ?? "").matches(of: attribute) {
                attributes[String(found.output[1].substring ?? "").lowercased()] = String(
                    found.output[2].substring ?? ""
                )
            }
            return Tag(name: name, attributes: attributes)
        }
    }

    static func elements(_ html: String, withClass name: String) -> [Tag] {
        tags(html).filter { $0.classes.contains(name) }
    }

    /// The text of the element with `id`, from its start tag to its matching end tag.
    static func element(_ html: String, id: String) -> String? {
        guard let at = html.range(of: " id=\"\(id)\"") else { return nil }
        let open = html[..<at.lowerBound].lastIndex(of: "<")!
        let name = String(html[html.index(after: open)...].prefix { $0.isLetter || $0.isNumber })
        var depth = 0
        var cursor = open
        while let next = html.range(of: "<", range: cursor..<html.endIndex) {
            let rest = html[next.upperBound...]
            if rest.hasPrefix("/\(name)>") {
                depth -= 1
                if depth == 0 { return String(html[open..<html.index(next.upperBound, offsetBy: name.count + 2)]) }
            } else if rest.hasPrefix(name), let after = rest.dropFirst(name.count).first, after == " " || after == ">" {
                depth += 1
            }
            cursor = next.upperBound
        }
        return nil
    }

    /// Every network address a tag of the page would load or link to: `src`, `srcset`, `href` not starting with
    /// `#`, `action`, `poster`, `data`, `url(...)` in a style, and any `on*` handler (none is expected at all).
    static func networkReferences(_ html: String) -> [String] {
        var found: [String] = []
        for tag in tags(html) {
            for (name, value) in tag.attributes {
                switch name {
                case "src", "srcset", "action", "formaction", "poster", "data", "background", "ping":
                    found.append("<\(tag.name) \(name)=\"\(value)\">")
                case "href" where !value.hasPrefix("#"):
                    found.append("<\(tag.name) href=\"\(value)\">")
                case "style" where value.contains("url("):
                    found.append("<\(tag.name) style=\"\(value)\">")
                case _ where name.hasPrefix("on"):
                    found.append("<\(tag.name) \(name)=...>")
                default: break
                }
            }
            if tag.name == "link" || tag.name == "iframe" || tag.name == "img" || tag.name == "object"
                || tag.name == "embed"
            {
                found.append("<\(tag.name)>")
            }
        }
        for marker in ["url(", "@import"] where html.contains(marker) { found.append(marker) }
        return found
    }
}
