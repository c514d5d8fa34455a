/** The DNS zone the stand-in DoH server answers for (shared by the server and the workerd tests). */
export const TEST_ZONE = "relais-test.example";
