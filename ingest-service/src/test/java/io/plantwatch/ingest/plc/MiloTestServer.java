package io.plantwatch.ingest.plc;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Eclipse Milo OPC UA server on loopback (security None, anonymous), with one namespace
 * ({@code ns=2}) holding variables {@code Pump/<name>} whose values a test sets.
 */
final class MiloTestServer implements AutoCloseable {

    static final String PATH = "/plantwatch";

    private final OpcUaServer server;
    private final PumpNamespace namespace;

    private MiloTestServer(OpcUaServer server, PumpNamespace namespace) {
        this.server = server;
        this.namespace = namespace;
    }

    /** Starts the server with these variables (name → initial value: Double, Float, Integer, Short or Boolean). */
    static MiloTestServer start(int port, Path dir, Map<String, Object> variables) throws Exception {
        Files.createDirectories(dir);
        DefaultTrustListManager trust = new DefaultTrustListManager(dir.resolve("pki").toFile());
        EndpointConfiguration endpoint = EndpointConfiguration.newBuilder()
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath(PATH)
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                .build();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:plantwatch:test:milo")
                .setApplicationName(LocalizedText.english("PlantWatch test PLC"))
                .setProductUri("urn:plantwatch:test")
                .setBuildInfo(new BuildInfo("urn:plantwatch:test", "plantwatch", "test PLC", "1", "1", DateTime.now()))
                .setEndpoints(Set.of(endpoint))
                .setCertificateManager(new DefaultCertificateManager())
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                .build();
        OpcUaServer server = new OpcUaServer(config);
        PumpNamespace namespace = new PumpNamespace(server, variables);
        namespace.startup();
        server.startup().get(20, TimeUnit.SECONDS);
        return new MiloTestServer(server, namespace);
    }

    /** Changes a variable's value, as the PLC program would. */
    void set(String name, Object value) {
        namespace.nodes.get(name).setValue(new DataValue(new Variant(value)));
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(20, TimeUnit.SECONDS);
        namespace.shutdown();
    }

    private static final class PumpNamespace extends ManagedNamespaceWithLifecycle {

        final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();
        private final SubscriptionModel subscriptions;

        PumpNamespace(OpcUaServer server, Map<String, Object> variables) {
            super(server, "urn:plantwatch:test:pump");
            this.subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> create(variables));
        }

        private void create(Map<String, Object> variables) {
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Pump"), newQualifiedName("Pump"),
                    LocalizedText.english("Pump"));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), Identifiers.Organizes,
                    Identifiers.ObjectsFolder.expanded(), false));
            variables.forEach((name, value) -> {
                UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(newNodeId("Pump/" + name))
                        .setAccessLevel(AccessLevel.READ_WRITE)
                        .setUserAccessLevel(AccessLevel.READ_WRITE)
                        .setBrowseName(newQualifiedName(name))
                        .setDisplayName(LocalizedText.english(name))
                        .setDataType(dataType(value))
                        .setTypeDefinition(Identifiers.BaseDataVariableType)
                        .build();
                node.setValue(new DataValue(new Variant(value)));
                getNodeManager().addNode(node);
                folder.addOrganizes(node);
                nodes.put(name, node);
            });
        }

        private static NodeId dataType(Object value) {
            if (value instanceof Double) {
                return Identifiers.Double;
            }
            if (value instanceof Float) {
                return Identifiers.Float;
            }
            if (value instanceof Integer) {
                return Identifiers.Int32;
            }
            if (value instanceof Short) {
                return Identifiers.Int16;
            }
            if (value instanceof Boolean) {
                return Identifiers.Boolean;
            }
            throw new IllegalArgumentException("unsupported test value " + value);
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            subscriptions.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            subscriptions.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            subscriptions.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            subscriptions.onMonitoringModeChanged(items);
        }
    }
}
