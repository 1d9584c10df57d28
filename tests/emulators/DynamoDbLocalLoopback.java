import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local bound to 127.0.0.1 (its command line has no host option, and refuses port 0).
 * Usage: java -Djava.library.path=DIR/DynamoDBLocal_lib -cp "DIR/DynamoDBLocal.jar:DIR/DynamoDBLocal_lib/*"
 *        DynamoDbLocalLoopback.java -inMemory -sharedDb -disableTelemetry -port 0
 * Prints "listening <port>" when ready. With EMULATOR_EXIT_WITH_STDIN=1 it stops when its standard input closes
 * (the test process that started it is gone); otherwise it runs until killed.
 */
public class DynamoDbLocalLoopback {
    public static void main(String[] args) throws Exception {
        int port = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-port")) {
                port = Integer.parseInt(args[i + 1]);
                args[i + 1] = port == 0 ? "8000" : args[i + 1];
            }
        }

        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        var field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        var connector = (ServerConnector) ((Server) field.get(proxy)).getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        proxy.start();
        System.out.println("listening " + connector.getLocalPort());
        System.out.flush();

        if ("1".equals(System.getenv("EMULATOR_EXIT_WITH_STDIN"))) {
            while (System.in.read() != -1) {
                // Nothing is sent; end of input means the process that started us is gone.
            }
            proxy.stop();
            System.exit(0);
        }
        proxy.join();
    }
}
