// The system zlib (zlib1g-dev), for gzip-compressing the generated Prometheus
// configuration as prometheus-operator does. The vigil binary already links libz through
// swift-nio-extras; this only makes its header visible to Swift.
#include <zlib.h>
