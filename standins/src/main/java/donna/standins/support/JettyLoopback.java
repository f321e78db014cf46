package donna.standins.support;

import com.sun.net.httpserver.HttpHandler;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake's server when it needs WebSockets (the JDK server has none): Jetty on 127.0.0.1, HTTP routes by exact path
 * written as JDK {@link HttpHandler}s, WebSocket mappings beside them. As with {@link Loopback}, a handler that throws
 * drops the connection, which is how fakes script a network failure.
 */
public final class JettyLoopback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JettyLoopback.class);

    private final Server server;
    private final ServerConnector connector;

    private JettyLoopback(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * A started server on 127.0.0.1:{@code port} (0 = any free port).
     *
     * @param routes     exact request paths to handlers; anything else is 404
     * @param websockets adds WebSocket mappings ({@code container.addMapping(path, creator)})
     */
    public static JettyLoopback start(String name, int port, Map<String, HttpHandler> routes,
            Consumer<ServerWebSocketContainer> websockets) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(0); // stop interrupts handlers still sleeping on a scripted latency
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, websockets);
        upgrades.setHandler(new Routes(Map.copyOf(routes)));
        server.setHandler(upgrades);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + name + " on 127.0.0.1:" + port, e);
        }
        return new JettyLoopback(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("fake server stopped with {}", e.toString());
        }
    }

    /** A handler's failure, already logged at debug. */
    private static final class Dropped extends QuietException.Exception {
        Dropped(Throwable cause) {
            super(cause);
        }
    }

    /** Exact-path dispatch to JDK-style handlers; blocking is fine (the fakes sleep to simulate latency). */
    private static final class Routes extends Handler.Abstract {
        private final Map<String, HttpHandler> routes;

        Routes(Map<String, HttpHandler> routes) {
            this.routes = routes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpHandler handler = routes.get(request.getHttpURI().getPath());
            if (handler == null) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            JettyExchange exchange = new JettyExchange(request, response);
            try {
                handler.handle(exchange);
                exchange.close();
                callback.succeeded();
            } catch (Throwable e) {
                // Like the JDK server: a handler that throws loses its connection, answered or not. A scripted
                // drop is not a server error: keep Jetty from logging it as one.
                LOG.debug("fake dropped a connection on {}: {}", request.getHttpURI().getPath(), e.toString());
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new Dropped(e));
            }
            return true;
        }
    }
}
