/**
 * The API shell: problem-detail error answers for every {@code /api} endpoint and the OpenAPI description. The
 * endpoints themselves live in each module's {@code api} package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API")
package org.amalgam.api;
