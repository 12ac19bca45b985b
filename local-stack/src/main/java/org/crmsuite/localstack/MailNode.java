package org.crmsuite.localstack;

import java.nio.file.Path;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail in the launcher's JVM: SMTP on 127.0.0.1:3025 and IMAP on 127.0.0.1:3143, authentication disabled, so
 * every recipient is accepted and its mailbox can be read over IMAP with the address as the user name (any password).
 * Mail is kept in memory: a restart empties the mailboxes.
 */
public final class MailNode implements Node {

    private final Path log;
    private volatile GreenMail greenMail;

    public MailNode(StateFolder state) {
        this.log = state.log("launcher");
    }

    @Override
    public String name() {
        return "GreenMail";
    }

    @Override
    public List<Integer> ports() {
        return List.of(Endpoints.SMTP, Endpoints.IMAP);
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void start() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(Endpoints.SMTP, Endpoints.HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Endpoints.IMAP, Endpoints.HOST, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail = mail;
        mail.start();
    }

    @Override
    public void close() {
        GreenMail running = greenMail;
        greenMail = null;
        if (running != null) {
            try {
                running.stop();
            } catch (RuntimeException e) {
                System.err.println("  GreenMail did not stop cleanly: " + e);
            }
        }
    }
}
