package org.agentpause.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * A script class that records being loaded: asterisk-java's default mapping would instantiate it
 * for the URL {@code agi://.../org.agentpause.agi.ScriptCanary}; ours must never load it.
 */
public final class ScriptCanary implements AgiScript {

    static {
        // Kept outside this class: reading a field of this class would itself initialize it.
        DoorSecurityTest.CANARY_LOADED.set(true);
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        throw new AssertionError("ScriptCanary must never run");
    }
}
