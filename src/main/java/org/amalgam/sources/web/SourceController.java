package org.amalgam.sources.web;

import jakarta.validation.Valid;
import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.sources.SourceSystems;
import org.amalgam.standardize.PhoneRegions;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class SourceController {

    private final SourceSystems sources;
    private final MessageSource messages;

    SourceController(SourceSystems sources, MessageSource messages) {
        this.sources = sources;
        this.messages = messages;
    }

    /** A choice of the phone region select: the code, and the country's name in the reader's language. */
    record PhoneRegionOption(String code, String name) {}

    /** Every region a source may read phone numbers in, by name. */
    @ModelAttribute("phoneRegions")
    List<PhoneRegionOption> phoneRegions() {
        Locale locale = LocaleContextHolder.getLocale();
        Collator byName = Collator.getInstance(locale);
        return PhoneRegions.all().stream()
                .map(code -> new PhoneRegionOption(code, new Locale("", code).getDisplayCountry(locale)))
                .sorted(Comparator.comparing(PhoneRegionOption::name, byName))
                .toList();
    }

    @GetMapping("/sources")
    String list(Model model) {
        model.addAttribute("sources", sources.list());
        model.addAttribute("form", SourceForm.empty());
        return "sources/list";
    }

    @GetMapping("/sources/{code}")
    String detail(@PathVariable String code, Model model) {
        var source = sources.get(code);
        model.addAttribute("source", source);
        model.addAttribute("form", SourceForm.of(source));
        return "sources/detail";
    }

    @PostMapping("/sources")
    String save(
            @Valid @ModelAttribute("form") SourceForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        boolean editing =
                !binding.hasFieldErrors("code") && sources.find(form.code()).isPresent();
        if (!binding.hasErrors()) {
            try {
                var result = sources.save(form.code(), form.toDefinition());
                redirect.addFlashAttribute(
                        "success",
                        messages.getMessage(
                                result.created() ? "source.created" : "source.saved",
                                new Object[] {result.source().name()},
                                LocaleContextHolder.getLocale()));
                return "redirect:/sources/" + result.source().code();
            } catch (InvalidInputException e) {
                e.errors().forEach(error -> binding.rejectValue(error.field(), "invalid", error.message()));
                if (e.errors().isEmpty()) {
                    binding.reject("invalid", e.getMessage());
                }
            }
        }
        if (editing) {
            model.addAttribute("source", sources.get(form.code()));
            return "sources/detail";
        }
        model.addAttribute("sources", sources.list());
        return "sources/list";
    }
}
