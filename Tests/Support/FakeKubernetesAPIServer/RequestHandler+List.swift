/// The selectors of a list, watch or deletecollection request.
struct ListSelection: Sendable {
    var namespace: String?
    var labelSelector: LabelSelector
    var fieldSelector: FieldSelector

    init(query: [String: String], namespace: String?) throws(APIStatusError) {
        self.namespace = namespace
        labelSelector = try query["labelSelector"].map { text throws(APIStatusError) in try LabelSelector(parsing: text) }
            ?? .everything
        fieldSelector = try query["fieldSelector"].map { text throws(APIStatusError) in try FieldSelector(parsing: text) }
            ?? .everything
    }

    /// Whether label or field selectors narrow the result (namespace does not count).
    var isFiltered: Bool { !labelSelector.requirements.isEmpty || !fieldSelector.terms.isEmpty }

    func selects(_ object: JSONValue, key: ObjectKey) -> Bool {
        if let namespace, key.namespace != namespace { return false }
        return labelSelector.matches(object.labels) && fieldSelector.matches(name: key.name, namespace: key.namespace)
    }
}

extension RequestHandler {
    /// LIST with selectors and paging.
    ///
    /// `resourceVersion` and `resourceVersionMatch` are accepted and ignored: every list
    /// serves the current state. Pages after the first also come from the current state
    /// (kube-apiserver serves them from a snapshot at the first page's version), so
    /// objects changed between pages may show up or be missed; the token still carries
    /// the first page's version and gets 410 Expired once history no longer covers it.
    func list(_ resource: FakeResource, namespace: String?) throws(APIStatusError) -> JSONValue {
        let selection = try ListSelection(query: query, namespace: namespace)
        let limit = try query["limit"].map { text throws(APIStatusError) -> Int in
            guard let limit = Int(text) else { throw .badRequest("limit must be an integer, got \"\(text)\"") }
            return limit
        }
        let token = try query["continue"].flatMap { $0.isEmpty ? nil : $0 }.map {
            text throws(APIStatusError) in try ContinueToken(decoding: text)
        }
        let page = try server.state.withLock { state throws(APIStatusError) -> (JSONValue, Int64, String?, Int?) in
            let cluster = state.cluster
            if let token, token.resourceVersion < cluster.effectiveHistoryStart {
                throw .expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a "
                        + "new list without the continue parameter, or use the continue token in this response to "
                        + "retrieve the remainder of the results. Continuing with the provided token results in an "
                        + "inconsistent list - objects that were created, modified, or deleted between the time the "
                        + "first chunk was returned and now may show up in the list.")
            }
            let listVersion = token?.resourceVersion ?? cluster.resourceVersion
            let selected = cluster.objects(resource)
                .filter { key, stored in
                    (token.map { key > $0.lastKey } ?? true) && selection.selects(stored.object, key: key)
                }
                .sorted { $0.key < $1.key }
            guard let limit, limit > 0, selected.count > limit else {
                return (.array(selected.map(\.value.object)), listVersion, nil, nil)
            }
            let served = selected.prefix(limit)
            let next = served.last.map { ContinueToken(resourceVersion: listVersion, lastKey: $0.key).encoded }
            return (.array(served.map(\.value.object)), listVersion, next, selected.count - limit)
        }
        var body = listBody(resource, items: [], version: page.1)
        body["items"] = page.0
        if !resource.isCustomResource, case .array(let items) = page.0 {
            // Built-in kinds list their items without kind and apiVersion, as
            // kube-apiserver does; clients must take them from the list.
            body["items"] = .array(items.map { item in
                var item = item
                item["kind"] = nil
                item["apiVersion"] = nil
                return item
            })
        }
        if let next = page.2 {
            body.setValue(.string(next), at: ["metadata", "continue"])
            // Counting what remains is only exact without selectors, so real servers omit it
            // for filtered lists.
            if let remaining = page.3, !selection.isFiltered {
                body.setValue(.int(Int64(remaining)), at: ["metadata", "remainingItemCount"])
            }
        }
        return body
    }
}
