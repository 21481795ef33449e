package mercato.auth.api;

import static mercato.auth.api.AuthAddresses.*;

import java.util.List;
import java.util.Map;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The auth domain's HTTP routes, with the aliases of ROUTES.md. */
public final class AuthRoutes {
  private static final Access ADMIN = Access.types("admin");
  /** The routes that manage a session or credentials take a person's token, never an API key. */
  private static final Access SESSION = Access.ANY.sessionOnly();
  private static final Access SESSION_PUBLIC = Access.PUBLIC.sessionOnly();

  public static final List<Route> ROUTES = List.of(
      Route.post("/auth/register", REGISTER, "register", Access.PUBLIC).answers(Answer.created()).limit("auth")
          .alias("/register")
          .alias("POST", "/user/register", Map.of("realm", "user"))
          .alias("POST", "/company/register", Map.of("type", "company")),
      Route.post("/auth/login", LOGIN, "login", SESSION_PUBLIC).limit("auth")
          .alias("/login").alias("/user/login").alias("/company/login"),
      Route.post("/auth/logout", LOGOUT, "logout", SESSION).answers(Answer.noContent())
          .alias("/logout").alias("/user/logout").alias("/company/logout"),
      Route.post("/auth/refresh-token", REFRESH_TOKEN, "refreshToken", SESSION_PUBLIC).limit("auth")
          .alias("/refresh-token").alias("/user/refresh-token").alias("/company/refresh-token"),
      Route.post("/profile/password-reset-request", REQUEST_PASSWORD_RESET, "requestPasswordReset", SESSION_PUBLIC).answers(Answer.accepted())
          .limit("auth")
          .alias("/user/password-reset-request").alias("/company/password-reset-request"),
      Route.post("/profile/password-reset", RESET_PASSWORD, "resetPassword", SESSION_PUBLIC).limit("auth")
          .alias("/user/password-reset").alias("/company/password-reset"),
      Route.get("/auth/verify-email", VERIFY_EMAIL, "verifyEmailLink", SESSION_PUBLIC).limit("auth"),
      Route.post("/auth/verify-email", VERIFY_EMAIL, "verifyEmail", SESSION_PUBLIC).limit("auth"),
      Route.post("/auth/verify-email/resend", RESEND_VERIFICATION, "resendVerification", SESSION).answers(Answer.accepted().when("emailVerified", Answer.OK)).limit("auth"),
      Route.get("/.well-known/jwks.json", GET_JWKS, "jwks", Access.PUBLIC),
      Route.get("/auth/permissions", OWN_PERMISSIONS, "ownPermissions", Access.ANY),
      Route.get("/admin/roles", LIST_ROLES, "listRoles", ADMIN),
      Route.post("/admin/roles", CREATE_ROLE, "createRole", ADMIN).answers(Answer.created("/admin/roles/{name}")),
      Route.put("/admin/roles/{role}", UPDATE_ROLE, "updateRole", ADMIN),
      Route.put("/admin/accounts/{account_id}/roles/{role}", ASSIGN_ROLE, "assignRole", ADMIN).answers(Answer.noContent()),
      Route.delete("/admin/accounts/{account_id}/roles/{role}", UNASSIGN_ROLE, "unassignRole", ADMIN).answers(Answer.noContent()),
      Route.post("/admin/accounts", CREATE_ACCOUNT, "createAccount", ADMIN).answers(Answer.created()),
      Route.get("/admin/accounts", LIST_ACCOUNTS, "listAccounts", ADMIN),
      Route.post("/auth/api-keys", CREATE_API_KEY, "createApiKey", SESSION).answers(Answer.created()),
      Route.get("/auth/api-keys", LIST_API_KEYS, "listApiKeys", SESSION),
      Route.delete("/auth/api-keys/{key_id}", REVOKE_API_KEY, "revokeApiKey", SESSION).answers(Answer.noContent()),
      Route.get("/admin/accounts/{account_id}/api-keys", LIST_API_KEYS, "listAccountApiKeys", ADMIN.sessionOnly()),
      Route.delete("/admin/accounts/{account_id}/api-keys/{key_id}", REVOKE_API_KEY, "revokeAccountApiKey",
          ADMIN.sessionOnly()).answers(Answer.noContent()));

  private AuthRoutes() {}
}
