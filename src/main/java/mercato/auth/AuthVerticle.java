package mercato.auth;

import static mercato.auth.api.AuthAddresses.*;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.redis.RedisClients;

/**
 * Owns accounts of every principal type, passwords, sessions and refresh tokens, access
 * token signing and the JWKS, email verification, password reset, roles, and API keys.
 */
final class AuthVerticle extends DomainVerticle {
  AuthVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    AuthConfig config = AuthConfig.read(context.section(), context.tokens());
    openPool();
    Redis redis = RedisClients.create(vertx, context.redis());
    closing(redis::close);
    RedisAPI api = RedisAPI.api(redis);
    Passwords passwords = new Passwords(config.memoryKib(), config.iterations(), config.parallelism());
    AccessTokens tokens = new AccessTokens(vertx, config);
    Sessions sessions = new Sessions(vertx, pool, api, tokens, config);
    Throttle throttle = new Throttle(api);
    MailThrottle mails = new MailThrottle(throttle, config);
    Registration registration = new Registration(vertx, pool, passwords, config, context.outbox(), mails);
    LogIn login = new LogIn(vertx, pool, passwords, sessions, throttle, config);
    SessionEndpoints sessionEndpoints = new SessionEndpoints(sessions);
    PasswordReset reset = new PasswordReset(vertx, pool, passwords, sessions, mails, config, context.outbox());
    RoleAdministration roles = new RoleAdministration(vertx, pool, sessions);
    ApiKeys apiKeys = new ApiKeys(vertx, pool, api, context.routes(), context.outbox(), context.maxPageSize());
    AccountAdministration accounts = new AccountAdministration(pool, sessions, apiKeys, context.outbox());
    operations = new Operations(vertx)
        .on(REGISTER, registration::register)
        .on(CREATE_ACCOUNT, registration::createByAdmin)
        .on(LIST_ACCOUNTS, new AccountSearch(pool, context.maxPageSize())::list)
        .on(VERIFY_EMAIL, registration::verifyEmail)
        .on(RESEND_VERIFICATION, registration::resendVerification)
        .on(LOGIN, login::handle)
        .on(LOGOUT, sessionEndpoints::logout)
        .on(REFRESH_TOKEN, sessionEndpoints::refresh)
        .on(REQUEST_PASSWORD_RESET, reset::request)
        .on(RESET_PASSWORD, reset::reset)
        .on(GET_JWKS, envelope -> Future.succeededFuture(tokens.jwks()))
        .on(LIST_ROLES, roles::list)
        .on(OWN_PERMISSIONS, roles::own)
        .on(CREATE_ROLE, roles::create)
        .on(UPDATE_ROLE, roles::update)
        .on(ASSIGN_ROLE, roles::assign)
        .on(UNASSIGN_ROLE, roles::unassign)
        .on(GET_ACCOUNT, accounts::get)
        .on(GET_ACCOUNTS, accounts::getMany)
        .on(CLOSE_ACCOUNT, accounts::close)
        .on(BIND_WAREHOUSE, accounts::bindWarehouse)
        .on(CREATE_API_KEY, apiKeys::create)
        .on(LIST_API_KEYS, apiKeys::list)
        .on(REVOKE_API_KEY, apiKeys::revoke)
        .on(RESOLVE_API_KEY, apiKeys::resolve);
    return registration.bootstrapAdmin().compose(v -> ready());
  }
}
