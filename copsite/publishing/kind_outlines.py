"""What a new highlight holds under its front matter, for each kind (`copsite new highlight`, the post page).

Data only: the headings the planning guides ask for, with "TO DO:" placeholders that
`copsite check` counts and the site never shows.
"""

from __future__ import annotations

KIND_OUTLINES: dict[str, str] = {
    "meeting": """\
TO DO: a sentence or two: what this meeting was about.

## What happened

TO DO: what did we do and discuss?

## What we decided

TO DO: the decisions we made.

## What comes next

TO DO: what members will try before the next meeting.

## Resources shared

TO DO: add them under `resources:` above, so they join the resource bank.
""",
    "check-in": """\
TO DO: a sentence or two: when and how we asked members how the community is going.

## The questions we asked

TO DO: the questions, one a line.

## What members said

TO DO: what the answers say, in a few sentences (no names).

## What we will change

TO DO: what we will do differently because of it.
""",
    "survey": """\
TO DO: a sentence or two: who we surveyed, how, and when.

## The questions we asked

TO DO: the questions, or a link to the form.

## What members said

TO DO: the main results, with numbers where they help (no names).

## What we will change

TO DO: what we will do differently because of it.
""",
    "success-story": """\
TO DO: one sentence that tells the story.

## The situation

TO DO: the students, the class or the school, and the problem (no names of students).

## What we tried

TO DO: what members of the community did, and what they learned here that helped.

## What changed for students

TO DO: the difference it made, with evidence where there is some.
""",
    "reflection": """\
TO DO: a sentence or two: what this reflection is about.

## How our practice has shifted

TO DO: what we do now that we did not do before, or do differently.

## What helped

TO DO: what in the community made the shift possible.

## What we still wonder

TO DO: the questions we carry on with.
""",
    "summary": """\
TO DO: a sentence or two: the period this summary covers.

## What we did

TO DO: the sessions held, the resources shared (the community's report page counts them).

## What we learned

TO DO: the main things members learned.

## What comes next

TO DO: what we will keep, change or stop.
""",
}

RESPONSE_KINDS = ("check-in", "survey")
"""Kinds whose outline also asks for `responses:`."""

KIND_OUTLINES_FR: dict[str, str] = {
    "meeting": """\
TO DO: une phrase ou deux : de quoi parlait cette rencontre?

## Ce qui s'est passé

TO DO: qu'avons-nous fait et de quoi avons-nous discuté?

## Ce que nous avons décidé

TO DO: les décisions prises.

## La suite

TO DO: ce que les membres essaieront avant la prochaine rencontre.

## Ressources partagées

TO DO: ajoutez-les sous `resources:` ci-dessus pour qu'elles rejoignent la banque de ressources.
""",
    "check-in": """\
TO DO: une phrase ou deux : quand et comment nous avons demandé aux membres comment va la communauté.

## Les questions posées

TO DO: les questions, une par ligne.

## Ce que les membres ont dit

TO DO: ce que disent les réponses, en quelques phrases (aucun nom).

## Ce que nous changerons

TO DO: ce que nous ferons autrement à la suite de ce bilan.
""",
    "survey": """\
TO DO: une phrase ou deux : qui nous avons sondé, comment et quand.

## Les questions posées

TO DO: les questions, ou un lien vers le formulaire.

## Ce que les membres ont dit

TO DO: les principaux résultats, avec des chiffres quand ils aident (aucun nom).

## Ce que nous changerons

TO DO: ce que nous ferons autrement à la suite de ce sondage.
""",
    "success-story": """\
TO DO: une phrase qui raconte la réussite.

## La situation

TO DO: les élèves, la classe ou l'école, et le problème (aucun nom d'élève).

## Ce que nous avons essayé

TO DO: ce que les membres de la communauté ont fait, et ce qu'ils y ont appris qui a aidé.

## Ce qui a changé pour les élèves

TO DO: la différence que cela a faite, avec des preuves quand il y en a.
""",
    "reflection": """\
TO DO: une phrase ou deux : le sujet de cette réflexion.

## Comment notre pratique a évolué

TO DO: ce que nous faisons maintenant que nous ne faisions pas avant, ou autrement.

## Ce qui a aidé

TO DO: ce qui, dans la communauté, a rendu ce changement possible.

## Ce que nous nous demandons encore

TO DO: les questions que nous gardons.
""",
    "summary": """\
TO DO: une phrase ou deux : la période que couvre cette synthèse.

## Ce que nous avons fait

TO DO: les séances tenues, les ressources partagées (la page de rapport de la communauté les compte).

## Ce que nous avons appris

TO DO: les principales choses que les membres ont apprises.

## La suite

TO DO: ce que nous garderons, changerons ou cesserons.
""",
}
"""The same outlines in French, for a handbook whose language is French."""

OUTLINES_BY_LANGUAGE = {"en": KIND_OUTLINES, "fr": KIND_OUTLINES_FR}
