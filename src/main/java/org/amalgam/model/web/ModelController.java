package org.amalgam.model.web;

import java.security.Principal;
import java.util.List;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class ModelController {

    static final String NEW_TYPE_TEMPLATE =
            """
            name: Publication
            attributes:
              - name: title
                type: text
                summary: true
              - name: year
                type: number
                summary: true
                validation:
                  min: 1900
                  max: 2100
            """;

    private final EntityTypes entityTypes;

    ModelController(EntityTypes entityTypes) {
        this.entityTypes = entityTypes;
    }

    @GetMapping("/model")
    String list(Model model) {
        model.addAttribute("types", entityTypes.list());
        model.addAttribute("newYaml", NEW_TYPE_TEMPLATE);
        return "model/list";
    }

    @GetMapping("/model/{type}")
    String edit(@PathVariable String type, Model model) {
        return page(type, entityTypes.documentText(type, true), List.of(), model);
    }

    /** Checks the document without saving; an htmx call gets only the list of problems. */
    @PostMapping("/model/{type}/check")
    String check(@PathVariable String type, @RequestParam String yaml, Model model) {
        model.addAttribute("errors", entityTypes.check(type, yaml, true));
        model.addAttribute("checked", true);
        return "model/edit :: problems";
    }

    @PostMapping("/model")
    String create(
            @RequestParam String code,
            @RequestParam String yaml,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        if (entityTypes.find(code).isPresent()) {
            return newPage(
                    code,
                    yaml,
                    List.of(new FieldError("code", "'" + code + "' exists already; edit it on its own page")),
                    model);
        }
        return save(code, yaml, principal, model, redirect);
    }

    @PostMapping("/model/{type}")
    String save(
            @PathVariable String type,
            @RequestParam String yaml,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            var result = entityTypes.save(type, yaml, true, principal.getName());
            redirect.addFlashAttribute(
                    "success",
                    (result.created() ? "Created " : "Saved ") + result.type().name() + " as version "
                            + result.type().version() + ".");
            return "redirect:/model/" + type;
        } catch (InvalidInputException e) {
            List<FieldError> errors = e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors();
            return entityTypes.find(type).isPresent()
                    ? page(type, yaml, errors, model)
                    : newPage(type, yaml, errors, model);
        } catch (ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return page(type, yaml, List.of(), model);
        }
    }

    private String page(String type, String yaml, List<FieldError> errors, Model model) {
        model.addAttribute("type", entityTypes.get(type));
        model.addAttribute("yaml", yaml);
        model.addAttribute("errors", errors);
        model.addAttribute("checked", !errors.isEmpty());
        model.addAttribute("versions", entityTypes.versions(type));
        return "model/edit";
    }

    private String newPage(String type, String yaml, List<FieldError> errors, Model model) {
        model.addAttribute("types", entityTypes.list());
        model.addAttribute("newCode", type);
        model.addAttribute("newYaml", yaml);
        model.addAttribute("errors", errors);
        return "model/list";
    }
}
