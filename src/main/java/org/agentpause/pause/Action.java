package org.agentpause.pause;

/** What a request asks for: pause, unpause, or flip the member's current state. */
public enum Action {
    PAUSE, UNPAUSE, TOGGLE
}
