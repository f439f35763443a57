public enum FakeKubernetesAPIServerModule {}
