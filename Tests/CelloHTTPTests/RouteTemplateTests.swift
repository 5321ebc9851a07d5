import Testing

@testable import CelloHTTP

@Suite("RouteTemplate")
struct RouteTemplateTests {
    @Test("keeps {name} templates and hands Hummingbird the :name form")
    func translatesParameters() throws {
        let template = try RouteTemplate("/api/users/{id}/orders/{orderID}")
        #expect(template.description == "/api/users/{id}/orders/{orderID}")
        #expect(template.parameterNames == ["id", "orderID"])
        #expect(template.routerPath.map(\.description) == ["api", "users", "{id}", "orders", "{orderID}"])
    }

    @Test("normalises repeated and trailing slashes")
    func normalises() throws {
        #expect(try RouteTemplate("//users//{id}/").description == "/users/{id}")
        #expect(try RouteTemplate("/").description == "/")
    }

    @Test("finds parameters Hummingbird's router cannot tell apart")
    func conflicts() throws {
        let users = try RouteTemplate("/users/{id}")
        #expect(users.conflictingParameters(with: try RouteTemplate("/users/{name}/orders"))! == ("id", "name"))
        #expect(users.conflictingParameters(with: try RouteTemplate("/users/{id}/orders")) == nil)
        #expect(users.conflictingParameters(with: try RouteTemplate("/users/me")) == nil)
        #expect(users.conflictingParameters(with: try RouteTemplate("/teams/{name}")) == nil)
    }

    @Test(
        "refuses templates that are not /literal/{name} shaped",
        arguments: ["users", "/users/{", "/users/{}", "/users/x{id}", "/users/{id}/{id}", "/a/:id", "/a/*", "/a/{b-c}"]
    )
    func refusesBadTemplates(_ text: String) {
        do {
            _ = try RouteTemplate(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .invalidRouteTemplate)
        }
    }
}
