import KubernetesClient
@testable import Operator

// The scenario's ServiceMonitors, one spec each.
extension ConfigScenario {
    func monitors() -> [ServiceMonitorObject] {
        let specs: [(namespace: String, name: String, spec: JSONValue)] = [
            ("shop", "web", web), ("shop", "legacy", legacy), ("shop", "moved", moved), ("shop", "down", down),
            ("shop", "sample-limited", sampleLimited), ("payments", "api-anywhere", apiAnywhere),
            ("payments", "secure", secure), ("payments", "token", token), ("payments", "target-limited", targetLimited),
        ]
        return specs.map { ServiceMonitorObject(metadata: ObjectMeta(name: $0.name, namespace: $0.namespace), spec: $0.spec) }
    }

    /// Selector with every matchExpression operator kind and dotted label names; three
    /// endpoints on one port: relabeling of every action, params, a 2 s interval.
    var web: JSONValue {
        [
            "selector": ["matchLabels": ["app": "web"],
                         "matchExpressions": [["key": "tier", "operator": "In", "values": ["frontend", "edge"]],
                                              ["key": "app.kubernetes.io/part-of", "operator": "Exists"],
                                              ["key": "stage", "operator": "DoesNotExist"]]],
            "podTargetLabels": ["version", "app.kubernetes.io/version"],
            "targetLabels": ["tier", "app.kubernetes.io/part-of"],
            "endpoints": [
                ["port": "http-metrics", "interval": "1s",
                 "relabelings": [
                    ["sourceLabels": ["__meta_kubernetes_pod_container_image"], "targetLabel": "image", "action": "replace"],
                    ["sourceLabels": ["__meta_kubernetes_pod_phase"], "regex": "Running", "action": "keep"],
                    ["regex": "__meta_kubernetes_pod_label_(.+)", "replacement": "pod_label_${1}", "action": "labelmap"],
                    ["sourceLabels": ["__meta_kubernetes_pod_label_team"], "targetLabel": "team", "action": "lowercase"],
                    ["sourceLabels": ["__meta_kubernetes_endpointslice_port"], "targetLabel": "__tmp_port"],
                    ["sourceLabels": ["__meta_kubernetes_pod_container_port_number"], "targetLabel": "__tmp_port",
                     "action": "keepequal"],
                    ["sourceLabels": ["__address__"], "modulus": 8, "targetLabel": "__tmp_bucket", "action": "hashmod"],
                    ["sourceLabels": ["__tmp_bucket"], "targetLabel": "bucket"],
                 ],
                 "metricRelabelings": [
                    ["sourceLabels": ["__name__"], "regex": "shop_debug_.*", "action": "drop"],
                    ["sourceLabels": ["code"], "regex": "5..", "targetLabel": "class", "replacement": "error"],
                 ]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.probe), "interval": "1s",
                 "params": ["module": ["http_2xx"], "target": ["a b&c=d", "x/y"]],
                 "relabelings": [
                    ["sourceLabels": ["__param_module"], "targetLabel": "probe_module", "action": "replace"],
                    ["sourceLabels": ["__meta_kubernetes_pod_label_version"], "regex": "v9", "action": "drop"],
                 ]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.exported), "interval": "2s",
                 "relabelings": [["targetLabel": "source", "replacement": "exported", "action": "replace"]]],
            ],
        ]
    }

    /// Role `endpoints` (the `__meta_kubernetes_endpoint_*` relabel chain), a label
    /// limit the exported series break, and a scrape timeout below the interval.
    var legacy: JSONValue {
        [
            "serviceDiscoveryRole": "Endpoints",
            "selector": ["matchLabels": ["app": "web", "tier": "frontend"]],
            "labelLimit": 11,
            "endpoints": [
                ["port": "http-metrics", "interval": "1s", "scrapeTimeout": "900ms",
                 "relabelings": [["sourceLabels": ["__meta_kubernetes_endpoint_ready"], "targetLabel": "ready"]]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.exported), "interval": "1s",
                 "relabelings": [["targetLabel": "limit", "replacement": "labels"]]],
            ],
        ]
    }

    /// A redirect followed, and refused with followRedirects false.
    var moved: JSONValue {
        [
            "selector": ["matchLabels": ["app": "web", "tier": "frontend"]],
            "endpoints": [
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.moved), "interval": "1s",
                 "relabelings": [["targetLabel": "redirects", "replacement": "followed"]]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.moved), "interval": "1s",
                 "followRedirects": false,
                 "relabelings": [["targetLabel": "redirects", "replacement": "refused"]]],
            ],
        ]
    }

    /// A closed port (target down) and a finished Pod (dropped); job from a Service label.
    var down: JSONValue {
        [
            "jobLabel": "team",
            "selector": ["matchLabels": ["app": "down"]],
            "endpoints": [["port": "metrics", "interval": "1s"]],
        ]
    }

    /// /metrics has more samples than 2.
    var sampleLimited: JSONValue {
        [
            "selector": ["matchLabels": ["app": "web", "tier": "frontend"]],
            "sampleLimit": 2,
            "endpoints": [["port": "http-metrics", "interval": "1s",
                           "relabelings": [["targetLabel": "limit", "replacement": "samples"]]]],
        ]
    }

    /// Any namespace, targetPort by number (one of them a container port no slice lists),
    /// honorLabels.
    var apiAnywhere: JSONValue {
        [
            "namespaceSelector": ["any": true],
            "selector": ["matchLabels": ["app": "api"]],
            "endpoints": [["targetPort": .int(Int64(portB)), "path": .string(ConfigTargets.Path.exported),
                           "interval": "1s", "honorLabels": true]],
        ]
    }

    /// The same two targets, more than targetLimit 1.
    var targetLimited: JSONValue {
        [
            "namespaceSelector": ["any": true],
            "selector": ["matchLabels": ["app": "api"]],
            "targetLimit": 1,
            "endpoints": [["targetPort": .int(Int64(portB)), "path": .string(ConfigTargets.Path.exported),
                           "interval": "1s", "relabelings": [["targetLabel": "limit", "replacement": "targets"]]]],
        ]
    }

    /// matchNames, targetPort by name, basic auth from a Secret.
    var secure: JSONValue {
        [
            "namespaceSelector": ["matchNames": ["payments"]],
            "selector": ["matchLabels": ["app": "secure"]],
            "endpoints": [["targetPort": "secure-port", "path": .string(ConfigTargets.Path.secure), "interval": "1s",
                           "basicAuth": ["username": ["name": "scrape-auth", "key": "user"],
                                         "password": ["name": "scrape-auth", "key": "pass"]]]],
        ]
    }

    /// Bearer credentials both ways; a target moved to another port and path by
    /// relabeling, with capture groups, a separator and a metric labeldrop.
    var token: JSONValue {
        [
            "selector": ["matchLabels": ["app": "secure"]],
            "endpoints": [
                ["targetPort": "secure-port", "path": .string(ConfigTargets.Path.token), "interval": "1s",
                 "bearerTokenSecret": ["name": "scrape-auth", "key": "token"],
                 "relabelings": [["targetLabel": "auth", "replacement": "bearer-secret"]]],
                ["targetPort": "secure-port", "path": .string(ConfigTargets.Path.token), "interval": "1s",
                 "authorization": ["credentials": ["name": "scrape-auth", "key": "token"]],
                 "relabelings": [["targetLabel": "auth", "replacement": "authorization"]]],
                ["targetPort": "secure-port", "interval": "1s",
                 "relabelings": [
                    ["sourceLabels": ["__address__"], "regex": "([^:]+)(?::\\d+)?",
                     "replacement": .string("$1:\(portB)"), "targetLabel": "__address__"],
                    ["targetLabel": "__metrics_path__", "replacement": .string(ConfigTargets.Path.exported)],
                    ["sourceLabels": ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"], "separator": "-",
                     "regex": "(.*)-(.*)-0", "replacement": "$2@$1", "targetLabel": "where"],
                 ],
                 "metricRelabelings": [["regex": "zone", "action": "labeldrop"]]],
            ],
        ]
    }
}
