package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishedPortTest {

  @Test
  void clashesWith_sameAddressOrAnyWildcard() {
    PublishedPort lo = new PublishedPort(TransportProtocol.TCP, "127.0.0.1", 8080, "a");
    PublishedPort all = new PublishedPort(TransportProtocol.TCP, "0.0.0.0", 8080, "a");
    assertTrue(lo.clashesWith(TransportProtocol.TCP, "127.0.0.1", 8080));
    assertTrue(lo.clashesWith(TransportProtocol.TCP, "0.0.0.0", 8080));
    assertTrue(all.clashesWith(TransportProtocol.TCP, "127.0.0.2", 8080));
    assertFalse(lo.clashesWith(TransportProtocol.TCP, "127.0.0.2", 8080));
    assertFalse(lo.clashesWith(TransportProtocol.UDP, "127.0.0.1", 8080));
    assertFalse(lo.clashesWith(TransportProtocol.TCP, "127.0.0.1", 8081));
  }
}
