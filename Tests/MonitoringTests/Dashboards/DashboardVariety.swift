import Foundation
@testable import Monitoring

/// Inputs beyond the Kthena examples: the same names in two namespaces, a multi-SLO
/// PrometheusServiceLevel with disabled alerts, a 7-day SLO, monitors on every namespace
/// and on numeric ports, long names, and metrics with a status-code label.
enum DashboardVariety {
    static let serviceLevels = """
        apiVersion: vigil.dev/v1alpha1
        kind: ServiceLevel
        metadata: {name: checkout-availability, namespace: team-a}
        spec:
          service: checkout
          name: availability
          objective: 99.5
          timeWindow: 7d
          sli:
            events:
              errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
              totalQuery: sum(rate(http_requests_total[{{.window}}]))
          alerting:
            name: CheckoutAvailability
            ticketAlert: {disable: true}
        ---
        apiVersion: vigil.dev/v1alpha1
        kind: ServiceLevel
        metadata: {name: checkout-availability, namespace: team-b}
        spec:
          service: checkout
          name: availability
          objective: 99
          sli:
            events:
              errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
              totalQuery: sum(rate(http_requests_total[{{.window}}]))
          alerting:
            name: CheckoutAvailability
        ---
        apiVersion: sloth.slok.dev/v1
        kind: PrometheusServiceLevel
        metadata: {name: a-very-long-prometheus-service-level-name-for-the-payments-platform, namespace: payments}
        spec:
          service: payments
          slos:
            - name: requests-availability
              objective: 99.95
              description: Payment requests succeed.
              sli:
                raw:
                  errorRatioQuery: >-
                    sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
                    / sum(rate(http_requests_total[{{.window}}]))
              alerting:
                name: PaymentsAvailability
                pageAlert: {disable: true}
            - name: requests-latency
              objective: 90
              sli:
                events:
                  errorQuery: >-
                    sum(rate(http_request_duration_seconds_count[{{.window}}]))
                    - sum(rate(http_request_duration_seconds_bucket{le="0.25"}[{{.window}}]))
                  totalQuery: sum(rate(http_request_duration_seconds_count[{{.window}}]))
              alerting:
                pageAlert: {disable: true}
                ticketAlert: {disable: true}
        """

    static let monitors = [
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: checkout, namespace: team-a}
        spec:
          selector: {matchLabels: {app: checkout}}
          endpoints:
            - port: web
            - port: metrics
        """,
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: checkout, namespace: team-b}
        spec:
          selector: {matchLabels: {app: checkout}}
          namespaceSelector: {any: true}
          endpoints:
            - targetPort: 9090
        """,
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: an-unusually-long-service-monitor-name-that-fills-sixty-three-c, namespace: payments}
        spec:
          selector: {}
          namespaceSelector: {matchNames: [payments, payments-canary]}
          endpoints: []
        """,
    ]

    static let httpMetrics: [ScrapedMetricFamily] = [
        .init(name: "http_requests", kind: .counter, labelNames: ["code", "handler", "method"]),
        .init(name: "http_request_duration_seconds", kind: .histogram, labelNames: ["handler", "le"]),
        .init(name: "process_cpu_seconds_total", kind: .counter),
    ]

    static func inputs() throws -> DashboardInputs {
        DashboardInputs(
            serviceLevels: try SLOManifestDecoder.decode(yaml: serviceLevels),
            serviceMonitors: try monitors.map { try ServiceMonitor(yaml: $0) },
            metrics: httpMetrics,
            metricsByServiceMonitor: ["payments/an-unusually-long-service-monitor-name-that-fills-sixty-three-c": []])
    }
}
