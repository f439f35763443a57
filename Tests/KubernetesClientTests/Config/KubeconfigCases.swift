/// The kubeconfig loading table (see ``KubeconfigCase`` for the placeholders).
enum KubeconfigCases {
    /// One cluster, one user and one context, with the user's stanza given as YAML lines.
    static func single(user: String = "{}", cluster: String = "server: https://k.example:6443", context: String = "")
        -> String
    {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            \(cluster.replacingOccurrences(of: "\n", with: "\n    "))
        users:
        - name: u
          user:
            \(user.replacingOccurrences(of: "\n", with: "\n    "))
        contexts:
        - name: ctx
          context:
            cluster: c
            user: u
            \(context)
        current-context: ctx

        """
    }

    static let all: [KubeconfigCase] = parsing + selection + credentials + errors + merging

    static let parsing: [KubeconfigCase] = [
        KubeconfigCase(
            name: "minimal: a server and a context, no user",
            files: ["config": """
                clusters:
                - name: c
                  cluster: {server: "https://k.example:6443"}
                contexts:
                - name: ctx
                  context: {cluster: c}
                current-context: ctx
                """],
            outcome: .loads(.init(server: "https://k.example:6443"))),
        KubeconfigCase(
            name: "every field, inline -data forms",
            files: ["config": single(
                user: """
                    client-certificate-data: {{CERT_DATA}}
                    client-key-data: {{KEY_DATA}}
                    token: abc.def
                    """,
                cluster: """
                    server: https://10.0.0.1:6443
                    certificate-authority-data: {{CA_DATA}}
                    insecure-skip-tls-verify: false
                    tls-server-name: kube.test
                    """,
                context: "namespace: team-a")],
            outcome: .loads(.init(
                server: "https://10.0.0.1:6443", namespace: "team-a", credentials: .token("abc.def"),
                trustsTestAuthority: true, presentsClientCertificate: true, serverName: "kube.test"))),
        KubeconfigCase(
            name: "file forms with absolute paths",
            files: ["config": single(
                user: "client-certificate: {{DIR}}/pki/client.crt\nclient-key: {{DIR}}/pki/client.key",
                cluster: "server: https://k.example\ncertificate-authority: {{DIR}}/pki/ca.crt")],
            outcome: .loads(.init(
                server: "https://k.example", trustsTestAuthority: true, presentsClientCertificate: true))),
        KubeconfigCase(
            name: "relative paths resolve against the kubeconfig's directory",
            files: [
                "home/.kube/config": single(
                    user: "client-certificate: ../../pki/client.crt\nclient-key: ../../pki/client.key\ntokenFile: tok",
                    cluster: "server: https://k.example\ncertificate-authority: ../../pki/ca.crt"),
                "home/.kube/tok": "from-file\n",
            ],
            lookup: .explicit("home/.kube/config"),
            outcome: .loads(.init(
                server: "https://k.example",
                credentials: .tokenFile(path: "{{DIR}}/home/.kube/tok", token: "from-file"),
                trustsTestAuthority: true, presentsClientCertificate: true))),
        KubeconfigCase(
            name: "unknown fields and extensions are ignored",
            files: ["config": """
                apiVersion: v1
                kind: Config
                preferences: {colors: true}
                extensions:
                - name: x
                  extension: {anything: [1, 2]}
                clusters:
                - name: c
                  cluster:
                    server: https://k.example
                    proxy-url: http://proxy:3128
                    extensions: []
                users:
                - name: u
                  user: {token: t, as: someone}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u, extensions: null}
                current-context: ctx
                """],
            outcome: .loads(.init(server: "https://k.example", credentials: .token("t")))),
        KubeconfigCase(
            name: "a server without a scheme means HTTPS",
            files: ["config": single(cluster: "server: k.example:6443")],
            outcome: .loads(.init(server: "https://k.example:6443"))),
        KubeconfigCase(
            name: "insecure-skip-tls-verify is carried over",
            files: ["config": single(cluster: "server: https://k.example\ninsecure-skip-tls-verify: true")],
            outcome: .loads(.init(server: "https://k.example", insecureSkipVerify: true))),
        KubeconfigCase(
            name: "an exec user that is not selected does no harm",
            files: ["config": """
                clusters: [{name: c, cluster: {server: "https://k.example:6443"}}]
                users:
                - name: eks
                  user:
                    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}
                - name: u
                  user: {token: t}
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """],
            outcome: .loads(.init(server: "https://k.example:6443", credentials: .token("t")))),
    ]

    static let selection: [KubeconfigCase] = [
        KubeconfigCase(
            name: "--context overrides current-context",
            files: ["config": """
                clusters:
                - {name: one, cluster: {server: "https://one.example"}}
                - {name: two, cluster: {server: "https://two.example"}}
                contexts:
                - {name: first, context: {cluster: one, namespace: a}}
                - {name: second, context: {cluster: two, namespace: b}}
                current-context: first
                """],
            context: "second",
            outcome: .loads(.init(server: "https://two.example", namespace: "b"))),
        KubeconfigCase(
            name: "--context naming a missing context",
            files: ["config": single()], context: "nope",
            outcome: .fails("{{DIR}}/config: contexts: context \"nope\" not found")),
        KubeconfigCase(
            name: "current-context naming a missing context",
            files: ["config": single().replacingOccurrences(of: "current-context: ctx", with: "current-context: gone")],
            outcome: .fails("{{DIR}}/config: contexts: context \"gone\" not found")),
        KubeconfigCase(
            name: "no current-context and no --context",
            files: ["config": single().replacingOccurrences(of: "current-context: ctx", with: "")],
            outcome: .fails("{{DIR}}/config: current-context: not set and no context was given")),
        KubeconfigCase(
            name: "~/.kube/config from HOME when nothing else is given",
            files: [".kube/config": single()], lookup: .home,
            outcome: .loads(.init(server: "https://k.example:6443"))),
        KubeconfigCase(
            name: "no ~/.kube/config",
            files: [:], lookup: .home,
            outcome: .fails(
                "{{DIR}}/.kube/config: no kubeconfig: file does not exist and neither --kubeconfig "
                    + "nor KUBECONFIG is set")),
        KubeconfigCase(
            name: "an explicit file that does not exist",
            files: [:], lookup: .explicit("missing"),
            outcome: .fails("{{DIR}}/missing: cannot read kubeconfig file")),
    ]

    static let credentials: [KubeconfigCase] = [
        KubeconfigCase(
            name: "username and password",
            files: ["config": single(user: "username: admin\npassword: hunter2")],
            outcome: .loads(.init(server: "https://k.example:6443", credentials: .basic("admin", "hunter2")))),
        KubeconfigCase(
            name: "tokenFile wins over token",
            files: ["config": single(user: "token: inline\ntokenFile: {{DIR}}/t"), "t": "on-disk"],
            outcome: .loads(.init(
                server: "https://k.example:6443", credentials: .tokenFile(path: "{{DIR}}/t", token: "on-disk")))),
        KubeconfigCase(
            name: "-data wins over the file form",
            files: ["config": single(cluster: """
                server: https://k.example
                certificate-authority-data: {{CA_DATA}}
                certificate-authority: /does/not/exist
                """)],
            outcome: .loads(.init(server: "https://k.example", trustsTestAuthority: true))),
        KubeconfigCase(
            name: "exec credential plugin on the selected user",
            files: ["config": single(user: "exec:\n  command: aws\n  args: [eks, get-token]")],
            outcome: .fails(
                "{{DIR}}/config: users[0].user.exec: credential plugins are not supported (user \"u\"); "
                    + "use a token or client certificate")),
        KubeconfigCase(
            name: "auth-provider on the selected user",
            files: ["config": single(user: "auth-provider:\n  name: gcp")],
            outcome: .failsMentioning([
                "{{DIR}}/config: users[0].user.auth-provider: credential plugins are not supported"
            ])),
        KubeconfigCase(
            name: "token and basic auth together",
            files: ["config": single(user: "token: t\nusername: admin\npassword: p")],
            outcome: .fails(
                "{{DIR}}/config: users[0].user: more than one authentication method (token and username/password) "
                    + "for user \"u\"")),
        KubeconfigCase(
            name: "a client certificate without a key",
            files: ["config": single(user: "client-certificate-data: {{CERT_DATA}}")],
            outcome: .fails(
                "{{DIR}}/config: users[0].user.client-key: client-key or client-key-data must be set "
                    + "with a client certificate")),
        KubeconfigCase(
            name: "an unreadable tokenFile",
            files: ["config": single(user: "tokenFile: missing-token")],
            outcome: .fails("{{DIR}}/config: users[0].user.tokenFile: cannot read token file: {{DIR}}/missing-token")),
    ]

    static let errors: [KubeconfigCase] = [
        KubeconfigCase(
            name: "bad base64 in client-key-data",
            files: ["config": single(user: "client-certificate-data: {{CERT_DATA}}\nclient-key-data: '%%%not base64'")],
            outcome: .fails("{{DIR}}/config: users[0].user.client-key-data: not valid base64")),
        KubeconfigCase(
            name: "valid base64 that is not a PEM certificate",
            files: ["config": single(cluster: "server: https://k.example\ncertificate-authority-data: aGVsbG8K")],
            outcome: .failsMentioning(["{{DIR}}/config: clusters[0].cluster.certificate-authority-data: "])),
        KubeconfigCase(
            name: "a certificate-authority file that does not exist",
            files: ["config": single(cluster: "server: https://k.example\ncertificate-authority: nope/ca.crt")],
            outcome: .fails(
                "{{DIR}}/config: clusters[0].cluster.certificate-authority: cannot read {{DIR}}/nope/ca.crt")),
        KubeconfigCase(
            name: "a cluster without a server",
            files: ["config": single(cluster: "certificate-authority-data: {{CA_DATA}}")],
            outcome: .fails("{{DIR}}/config: clusters[0].cluster.server: no server set for cluster \"c\"")),
        KubeconfigCase(
            name: "a context naming a missing user",
            files: ["config": single().replacingOccurrences(of: "user: u", with: "user: ghost")],
            outcome: .fails("{{DIR}}/config: contexts[0].context.user: user \"ghost\" not found")),
        KubeconfigCase(
            name: "a context without a cluster",
            files: ["config": "contexts: [{name: x, context: {user: u}}]\ncurrent-context: x\n"],
            outcome: .fails("{{DIR}}/config: contexts[0].context.cluster: no cluster set for context \"x\"")),
        KubeconfigCase(
            name: "a context naming a missing cluster",
            files: ["config": single().replacingOccurrences(of: "cluster: c\n", with: "cluster: nowhere\n")],
            outcome: .fails("{{DIR}}/config: contexts[0].context.cluster: cluster \"nowhere\" not found")),
        KubeconfigCase(
            name: "YAML syntax error names the line",
            files: ["config": "clusters:\n- name: c\n  cluster: {server: x\ncontexts: ]\n"],
            outcome: .failsMentioning(["{{DIR}}/config: YAML syntax error at line 4, column "])),
        KubeconfigCase(
            name: "a field of the wrong type names its path",
            files: ["config": single(cluster: "server: https://k.example\ninsecure-skip-tls-verify: [yes]")],
            outcome: .fails(
                "{{DIR}}/config: clusters[0].cluster.insecure-skip-tls-verify: "
                    + "expected a single value, not a list or mapping")),
        KubeconfigCase(
            name: "a boolean field holding a word",
            files: ["config": single(cluster: "server: https://k.example\ninsecure-skip-tls-verify: maybe")],
            outcome: .fails("{{DIR}}/config: clusters[0].cluster.insecure-skip-tls-verify: expected true or false")),
        KubeconfigCase(
            name: "a mapping where a list belongs",
            files: ["config": "clusters: {c: {server: https://k.example}}\n"],
            outcome: .fails("{{DIR}}/config: clusters: expected a list")),
        KubeconfigCase(
            name: "a scalar where a mapping belongs",
            files: ["config": "clusters: [{name: c, cluster: https://k.example}]\n"],
            outcome: .fails("{{DIR}}/config: clusters[0].cluster: expected a mapping")),
        KubeconfigCase(
            name: "a list entry without a name",
            files: ["config": "clusters:\n- cluster: {server: https://k.example}\n"],
            outcome: .fails("{{DIR}}/config: clusters[0].name: is required")),
    ]

    static let merging: [KubeconfigCase] = [
        KubeconfigCase(
            name: "KUBECONFIG merges three files, first definition of each name wins",
            files: [
                "a": """
                    current-context: ctx
                    clusters: [{name: shared, cluster: {server: "https://from-a.example"}}]
                    contexts: [{name: ctx, context: {cluster: shared, user: u, namespace: from-a}}]
                    """,
                "b": """
                    clusters:
                    - {name: shared, cluster: {server: "https://from-b.example"}}
                    - {name: only-b, cluster: {server: "https://only-b.example"}}
                    users: [{name: u, user: {token: from-b}}]
                    contexts: [{name: ctx, context: {cluster: only-b, user: u, namespace: from-b}}]
                    """,
                "c": """
                    current-context: other
                    users: [{name: u, user: {token: from-c}}]
                    contexts: [{name: other, context: {cluster: only-b}}]
                    """,
            ],
            lookup: .variable(["a", "missing", "b", "c"]),
            outcome: .loads(.init(
                server: "https://from-a.example", namespace: "from-a", credentials: .token("from-b")))),
        KubeconfigCase(
            name: "current-context comes from the first file that sets it",
            files: [
                "a": "clusters: [{name: c, cluster: {server: \"https://a.example\"}}]\n",
                "b": "current-context: y\ncontexts: [{name: y, context: {cluster: c, namespace: ny}}]\n",
                "c": "current-context: z\ncontexts: [{name: z, context: {cluster: c, namespace: nz}}]\n",
            ],
            lookup: .variable(["a", "b", "c"]),
            outcome: .loads(.init(server: "https://a.example", namespace: "ny"))),
        KubeconfigCase(
            name: "--context can pick a context from a later file",
            files: [
                "a": "current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n",
                "b": "clusters: [{name: c, cluster: {server: \"https://b.example\"}}]\n"
                    + "contexts: [{name: other, context: {cluster: c, namespace: picked}}]\n",
            ],
            lookup: .variable(["a", "b"]), context: "other",
            outcome: .loads(.init(server: "https://b.example", namespace: "picked"))),
        KubeconfigCase(
            name: "relative paths resolve against the file that defined them",
            files: [
                "main": "current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n",
                "creds/extra": """
                    clusters: [{name: c, cluster: {server: "https://k.example", certificate-authority: ../pki/ca.crt}}]
                    users: [{name: u, user: {client-certificate: ../pki/client.crt, client-key: ../pki/client.key}}]
                    """,
            ],
            lookup: .variable(["main", "creds/extra"]),
            outcome: .loads(.init(
                server: "https://k.example", trustsTestAuthority: true, presentsClientCertificate: true))),
        KubeconfigCase(
            name: "errors name the file that defined the faulty entry",
            files: [
                "a": "current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n",
                "b": "clusters: [{name: z, cluster: {server: https://z}}, {name: c, cluster: {}}]\n",
            ],
            lookup: .variable(["a", "b"]),
            outcome: .fails("{{DIR}}/b: clusters[1].cluster.server: no server set for cluster \"c\"")),
        KubeconfigCase(
            name: "a file listed twice in KUBECONFIG does no harm",
            files: ["a": single(), "b": "current-context: other\n"],
            lookup: .variable(["a", "b", "a"]),
            outcome: .loads(.init(server: "https://k.example:6443"))),
        KubeconfigCase(
            name: "an empty file in the list is fine",
            files: ["empty": "", "real": single()],
            lookup: .variable(["empty", "real"]),
            outcome: .loads(.init(server: "https://k.example:6443"))),
        KubeconfigCase(
            name: "KUBECONFIG where no file exists",
            files: [:], lookup: .variable(["x", "y"]),
            outcome: .failsMentioning(["KUBECONFIG: none of the listed files exists", "{{DIR}}/x"])),
        KubeconfigCase(
            name: "--kubeconfig wins over KUBECONFIG (only that file is read)",
            files: ["explicit": single(), "other": "current-context: elsewhere\n"],
            lookup: .explicitDespiteVariable("explicit", ["other"]),
            outcome: .loads(.init(server: "https://k.example:6443"))),
    ]
}
