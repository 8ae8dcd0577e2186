package tcplab.web;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.messageresolver.AbstractMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import tcplab.Config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders Thymeleaf templates: a whole page, or one named {@code th:fragment} of a template
 * for htmx. {@code #{key}} expressions read {@link Messages} in the page's language.
 */
public final class Views {

    private final TemplateEngine engine = new TemplateEngine();

    public Views(Config config, Messages messages) {
        AbstractConfigurableTemplateResolver resolver;
        if (config.dev()) {
            resolver = new FileTemplateResolver();
            resolver.setPrefix(config.root().resolve("templates").toString() + "/");
            resolver.setCacheable(false);
        } else {
            resolver = new ClassLoaderTemplateResolver(Views.class.getClassLoader());
            resolver.setPrefix("templates/");
            resolver.setCacheable(true);
        }
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        engine.setTemplateResolver(resolver);
        // The site runs at the root, so "@{/…}" links need no servlet context path.
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
                return "";
            }
        });
        engine.setMessageResolver(new AbstractMessageResolver() {
            @Override public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
                String lang = context.getLocale().getLanguage();
                return messages.has(lang, key) ? messages.get(lang, key, args == null ? new Object[0] : args) : null;
            }

            @Override public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key, Object[] args) {
                return "??" + key + "??";
            }
        });
    }

    public String page(String template, String lang, Map<String, ?> model) {
        return engine.process(template, context(lang, model));
    }

    public String fragment(String template, String fragment, String lang, Map<String, ?> model) {
        return engine.process(template, Set.of(fragment), context(lang, model));
    }

    private static Context context(String lang, Map<String, ?> model) {
        Context context = new Context(Locale.forLanguageTag(lang));
        model.forEach(context::setVariable);
        return context;
    }
}
