package org.crmsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {

    @Test
    void analyticsGetsTheHeapItsInMemoryFactsNeedTheOthersStaySmall() {
        assertThat(ServiceProcess.jvmOptions(ServiceCatalog.ANALYTICS, null)).contains("-Xmx640m").doesNotContain("-Xmx256m");
        assertThat(ServiceProcess.jvmOptions(ServiceCatalog.CUSTOMER, null)).contains("-Xmx256m");
    }

    @Test
    void aServiceOutOfHeapExitsInsteadOfLivingOnHalfDead() {
        assertThat(ServiceProcess.jvmOptions(ServiceCatalog.GATEWAY, "")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void extraOptionsComeLastSoTheyWin() {
        assertThat(ServiceProcess.jvmOptions(ServiceCatalog.GATEWAY, " -XX:TieredStopAtLevel=4  -Xmx512m "))
                .endsWith("-XX:TieredStopAtLevel=4", "-Xmx512m");
    }

    @Test
    void everyJvmKeepsASmallHeapAndCompactHeadersOnlyWhereTheJdkHasThem() {
        assertThat(ServiceProcess.jvmOptions(ServiceCatalog.SALES, null))
                .contains("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
        assertThat(SmallJvm.heapOptions(21)).doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(SmallJvm.heapOptions(25)).contains("-XX:+UseCompactObjectHeaders");
    }
}
