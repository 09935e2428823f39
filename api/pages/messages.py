"""The pages' own words in Spanish and English, and the names of the properties the ontology does
not label (those of Dublin Core, PROV, SKOS …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.pages import language
from api.pages.links import curie

if TYPE_CHECKING:
    from api.pages.catalog import Catalog

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Spanish, English)
    "site.title": (
        "Planes de acción de América Latina y el Caribe",
        "Action plans of Latin America and the Caribbean",
    ),
    "site.tagline": (
        "Un grafo de conocimiento de los planes en que los gobiernos de la región se comprometen a actuar juntos",
        "A knowledge graph of the plans in which the region's governments commit to act together",
    ),
    "nav.home": ("Inicio", "Home"),
    "nav.search": ("Buscar", "Search"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "nav.ontology": ("Ontología", "Ontology"),
    "nav.api": ("API", "API"),
    "nav.language": ("Idioma", "Language"),
    "nav.skip": ("Ir al contenido", "Skip to content"),
    "footer.data": ("Datos", "Data"),
    "footer.about": (
        "Cada área y cada mandato remite a los caracteres exactos de los que se leyó.",
        "Every area and mandate points to the exact characters it was read from.",
    ),
    "footer.licence": ("Licencia CC BY 4.0", "Licence CC BY 4.0"),
    "search.placeholder": (
        "Buscar mandatos, áreas, reuniones, actores…",
        "Search mandates, areas, meetings, actors…",
    ),
    "search.button": ("Buscar", "Search"),
    "search.title": ("Buscar", "Search"),
    "search.results": ("{n} resultados", "{n} results"),
    "search.result": ("1 resultado", "1 result"),
    "search.none": ("Ningún resultado para «{q}».", "No results for “{q}”."),
    "search.empty": (
        "Escriba una o más palabras: sin acentos ni mayúsculas también vale («educacion», «HAMBRE»).",
        "Type one or more words; accents and case do not matter (“educacion”, “HAMBRE”).",
    ),
    "search.filters": ("Filtrar", "Filter"),
    "search.any": ("Todos", "All"),
    "search.clear": ("Quitar filtros", "Clear filters"),
    "search.apply": ("Aplicar", "Apply"),
    "search.error": ("No se pudo buscar", "The search could not be run"),
    "filter.plan": ("Plan", "Plan"),
    "filter.type": ("Tipo", "Type"),
    "filter.theme": ("Tema", "Theme"),
    "page.previous": ("Anterior", "Previous"),
    "page.next": ("Siguiente", "Next"),
    "page.of": ("Página {page} de {pages}", "Page {page} of {pages}"),
    "kind.mandate": ("Mandato", "Mandate"),
    "kind.area": ("Área", "Area"),
    "kind.plan": ("Plan", "Plan"),
    "kind.meeting": ("Reunión", "Meeting"),
    "kind.series": ("Serie de reuniones", "Meeting series"),
    "kind.actor": ("Actor", "Actor"),
    "kind.partner": ("Socio extrarregional", "Extra-regional partner"),
    "kind.place": ("Lugar", "Place"),
    "kind.theme": ("Tema", "Theme"),
    "kind.source": ("Documento fuente", "Source document"),
    "kind.resource": ("Recurso", "Resource"),
    "continuation.reiterates": ("reitera", "reiterates"),
    "continuation.reformulates": ("reformula", "reformulates"),
    "continuation.followsUp": ("da seguimiento", "follows up"),
    "continuation.extends": ("amplía", "extends"),
    "home.plans": ("Los cuatro planes", "The four plans"),
    "home.plans.lead": (
        "De la Cumbre de Salvador de Bahía (2008) al Plan de Acción Conjunto China–CELAC: lo que cada plan encarga, y lo que retoma de los anteriores.",
        "From the Salvador de Bahia summit (2008) to the China–CELAC Joint Action Plan: what each plan entrusts, and what it takes up from the earlier ones.",
    ),
    "home.areas": ("áreas", "areas"),
    "home.mandates": ("mandatos", "mandates"),
    "home.continuations": ("continuaciones afirmadas", "asserted continuations"),
    "home.search.lead": ("Busque en los textos de los planes", "Search the texts of the plans"),
    "home.questions": ("Preguntas de ejemplo", "Example questions"),
    "home.questions.lead": (
        "Cada pregunta abre su consulta SPARQL en el editor, lista para ejecutar o modificar.",
        "Each question opens its SPARQL query in the editor, ready to run or change.",
    ),
    "home.open_query": ("Abrir la consulta", "Open the query"),
    "home.themes": ("Temas", "Themes"),
    "home.themes.lead": (
        "Cada mandato y cada área tiene al menos un tema; el número es el de mandatos.",
        "Every mandate and area has at least one theme; the number counts mandates.",
    ),
    "resource.type": ("Tipo", "Type"),
    "resource.canonical": ("IRI canónica", "Canonical IRI"),
    "resource.formats": ("Datos", "Data"),
    "resource.statements": ("Todo lo que dice el grafo", "Everything the graph says"),
    "resource.properties": ("Propiedades y enlaces salientes", "Properties and outgoing links"),
    "resource.incoming": ("Enlaces entrantes", "Incoming links"),
    "resource.incoming.count": ("{n} recursos enlazan aquí", "{n} links point here"),
    "resource.incoming.none": ("Ningún recurso enlaza aquí.", "No resource links here."),
    "resource.described": ("También descritos en esta página", "Also described on this page"),
    "resource.property": ("Propiedad", "Property"),
    "resource.value": ("Valor", "Value"),
    "resource.from": ("Desde", "From"),
    "notfound.title": ("No encontrado", "Not found"),
    "notfound.body": ("El grafo no dice nada sobre", "The graph says nothing about"),
    "notfound.search": ("Buscar «{q}»", "Search for “{q}”"),
    "error.title": ("Petición no válida", "Bad request"),
    "mandate.in": ("en", "in"),
    "mandate.number": ("Mandato {n}", "Mandate {n}"),
    "mandate.text": ("Texto", "Text"),
    "mandate.alternative": ("Otra redacción (otra fuente)", "Other wording (another source)"),
    "mandate.note": ("Nota", "Note"),
    "mandate.themes": ("Temas", "Themes"),
    "mandate.involves": ("Actores", "Actors"),
    "mandate.convenes": ("Convoca", "Convenes"),
    "mandate.refers": ("Se refiere a", "Refers to"),
    "mandate.source": ("En el texto fuente", "In the source text"),
    "mandate.source.lead": (
        "El pasaje del que se leyó el mandato, resaltado, con el texto que lo rodea: caracteres {start}–{end} de",
        "The passage the mandate was read from, highlighted, with the text around it: characters {start}–{end} of",
    ),
    "mandate.source.partial": (
        "El archivo fuente no está disponible aquí: se muestra solo el contexto que guarda el grafo.",
        "The source file is not available here: only the context the graph keeps is shown.",
    ),
    "mandate.lineage": ("Linaje a través de los planes", "Lineage across the plans"),
    "mandate.lineage.lead": (
        "Una columna por plan, en orden de fecha. Las líneas continuas son continuaciones afirmadas; las discontinuas, candidatas que el trazador clasificó sin afirmarlas. Cada mandato lleva a su página.",
        "One column per plan, in date order. Solid lines are asserted continuations; dashed ones are candidates the tracer ranked without asserting them. Each mandate opens its page.",
    ),
    "mandate.lineage.none": (
        "El trazador no encontró antecedentes ni sucesores de este mandato.",
        "The tracer found no antecedents or successors for this mandate.",
    ),
    "mandate.antecedents": ("Antecedentes", "Antecedents"),
    "mandate.antecedents.none": ("Ninguno en los planes anteriores.", "None in the earlier plans."),
    "mandate.successors": ("Sucesores", "Successors"),
    "mandate.successors.none": ("Ninguno en los planes posteriores.", "None in the later plans."),
    "mandate.further": ("Más atrás y más adelante", "Further back and further on"),
    "link.kind": ("Tipo", "Kind"),
    "link.score": ("Puntuación", "Score"),
    "link.rank": ("Rango", "Rank"),
    "link.asserted": ("afirmada", "asserted"),
    "link.candidate": ("candidata", "candidate"),
    "link.explicit": ("referencia explícita", "explicit reference"),
    "link.evidence": ("Evidencia", "Evidence"),
    "link.continues": ("continúa", "continues"),
    "legend.asserted": ("continuación afirmada", "asserted continuation"),
    "legend.candidate": ("candidata no afirmada", "candidate, not asserted"),
    "picture.swipe": ("Deslice para ver todos los planes →", "Swipe to see every plan →"),
    "legend.this": ("este mandato", "this mandate"),
    "legend.carried": ("continúa un plan anterior", "continues an earlier plan"),
    "legend.new": ("sin antecedente afirmado", "no asserted antecedent"),
    "plan.date": ("Fecha", "Date"),
    "plan.adopted": ("Adoptado en", "Adopted at"),
    "plan.sources": ("Fuentes", "Sources"),
    "plan.areas": ("Áreas", "Areas"),
    "plan.areas.lead": (
        "{areas} áreas, {mandates} mandatos.",
        "{areas} areas, {mandates} mandates.",
    ),
    "plan.carries": (
        "Lo que retoma de los planes anteriores",
        "What it carries over from earlier plans",
    ),
    "plan.carries.row": (
        "{later} mandatos continúan {earlier} mandatos de {plan}",
        "{later} mandates continue {earlier} mandates of {plan}",
    ),
    "plan.carries.none": ("Ninguna continuación afirmada.", "No asserted continuation."),
    "plan.first": (
        "Es el primer plan: todo lo que encarga es nuevo.",
        "It is the first plan: everything it entrusts is new.",
    ),
    "plan.starts": ("Lo que inicia", "What it starts"),
    "plan.starts.lead": (
        "{n} de sus {total} mandatos no continúan ningún mandato de un plan anterior.",
        "{n} of its {total} mandates continue no mandate of an earlier plan.",
    ),
    "plan.drops": ("Lo que no continúa", "What it drops"),
    "plan.drops.lead": (
        "{n} de sus {total} mandatos no tienen sucesor en ningún plan posterior.",
        "{n} of its {total} mandates have no successor in any later plan.",
    ),
    "plan.last": (
        "Es el plan más reciente: aún no hay plan posterior que retome o abandone sus mandatos.",
        "It is the latest plan: no later plan yet takes up or drops its mandates.",
    ),
    "plan.show": ("Ver los mandatos", "Show the mandates"),
    "area.plan": ("Plan", "Plan"),
    "area.parent": ("Dentro de", "Part of"),
    "area.subareas": ("Subáreas", "Sub-areas"),
    "area.objectives": ("Objetivos", "Objectives"),
    "area.axes": ("Ejes temáticos", "Thematic axes"),
    "area.responsible": ("Responsables", "Responsible bodies"),
    "area.mandates": ("Mandatos", "Mandates"),
    "area.mandates.none": (
        "Esta área no tiene mandatos propios.",
        "This area has no mandates of its own.",
    ),
    "area.themes": ("Temas", "Themes"),
    "area.elsewhere": (
        "Los mismos temas en los otros planes",
        "The same themes in the other plans",
    ),
    "area.elsewhere.count": ("{n} mandatos", "{n} mandates"),
    "area.elsewhere.none": ("Ningún otro plan trata este tema.", "No other plan has this theme."),
    "meeting.series": ("Serie", "Series"),
    "meeting.ordinal": ("Número en la serie", "Number in the series"),
    "meeting.kind": ("Tipo de reunión", "Kind of meeting"),
    "meeting.date": ("Fecha", "Date"),
    "meeting.undated": ("sin fecha en los textos", "no date in the texts"),
    "meeting.place": ("Lugar", "Place"),
    "meeting.names": ("Nombres como aparecen impresos", "Names as printed"),
    "meeting.called": ("Mandatos que la convocan", "Mandates that call it"),
    "meeting.referred": ("Mandatos que se refieren a ella", "Mandates that refer to it"),
    "meeting.adopted": ("Planes adoptados en ella", "Plans adopted at it"),
    "meeting.others": ("Otras reuniones de la serie", "Other meetings of the series"),
    "meeting.none": ("Ninguno.", "None."),
    "series.meetings": ("Reuniones de la serie", "Meetings of the series"),
    "actor.kind": ("Clase", "Kind"),
    "actor.acronyms": ("Siglas", "Acronyms"),
    "actor.sameas": ("Lo mismo que", "Same as"),
    "actor.asked": ("Lo que se le pide en cada plan", "What it is asked to do in each plan"),
    "actor.asked.count": ("{n} mandatos", "{n} mandates"),
    "actor.areas": ("Áreas que lo nombran", "Areas that name it"),
    "actor.none": ("Ningún mandato lo nombra.", "No mandate names it."),
    "theme.definition": ("Definición", "Definition"),
    "theme.sdg": (
        "Objetivos de Desarrollo Sostenible afines",
        "Related Sustainable Development Goals",
    ),
    "theme.picture": ("El tema a través de los planes", "The theme across the plans"),
    "theme.picture.lead": (
        "Cada punto es un mandato con este tema, en la columna de su plan; las líneas son las continuaciones entre ellos (continuas: afirmadas; discontinuas: el mejor candidato no afirmado).",
        "Each dot is a mandate with this theme, in its plan's column; lines are the continuations among them (solid: asserted; dashed: the best candidate, not asserted).",
    ),
    "theme.mandates": ("Mandatos por plan", "Mandates by plan"),
    "theme.areas": ("Áreas con este tema", "Areas with this theme"),
    "theme.count": ("{n} mandatos", "{n} mandates"),
}

# The canned queries' titles in Spanish, by file stem (the files' own titles are in English).
QUESTIONS_ES: dict[str, str] = {
    "plans": "¿Cuántas áreas y mandatos tiene cada plan?",
    "lineage": "¿De dónde viene un mandato y qué fue de él después?",
    "theme-across-plans": "¿Cómo trata cada plan la seguridad alimentaria?",
    "actor-across-plans": "¿Qué se le pide a la FAO en cada plan?",
    "carried-over-by-theme": "¿Qué retoma el plan China–CELAC, tema por tema?",
    "new-mandates": "¿Qué mandatos son nuevos en el plan de 2020?",
    "not-carried-on": "¿Qué mandatos de 2014 no continuó ningún plan?",
}

# Labels for the properties of other vocabularies, which the ontology does not describe.
PROPERTIES: dict[str, tuple[str, str]] = {
    "rdf:type": ("tipo", "type"),
    "rdf:value": ("valor", "value"),
    "rdfs:label": ("etiqueta", "label"),
    "rdfs:comment": ("comentario", "comment"),
    "rdfs:seeAlso": ("véase también", "see also"),
    "dcterms:title": ("título", "title"),
    "dcterms:identifier": ("identificador", "identifier"),
    "dcterms:date": ("fecha", "date"),
    "dcterms:source": ("fuente", "source"),
    "dcterms:subject": ("tema", "theme"),
    "dcterms:type": ("clase", "kind"),
    "dcterms:format": ("formato", "format"),
    "dcterms:description": ("descripción", "description"),
    "dcterms:license": ("licencia", "licence"),
    "prov:wasDerivedFrom": ("leído de", "read from"),
    "prov:wasGeneratedBy": ("generado por", "generated by"),
    "prov:qualifiedDerivation": ("derivación calificada", "qualified derivation"),
    "prov:entity": ("mandato anterior", "earlier mandate"),
    "prov:used": ("usó", "used"),
    "prov:wasAssociatedWith": ("asociado con", "associated with"),
    "prov:startedAtTime": ("comenzó", "started at"),
    "prov:endedAtTime": ("terminó", "ended at"),
    "skos:prefLabel": ("etiqueta preferida", "preferred label"),
    "skos:altLabel": ("otra etiqueta", "alternative label"),
    "skos:definition": ("definición", "definition"),
    "skos:note": ("nota", "note"),
    "skos:inScheme": ("en el esquema", "in scheme"),
    "skos:topConceptOf": ("concepto superior de", "top concept of"),
    "skos:hasTopConcept": ("concepto superior", "top concept"),
    "skos:closeMatch": ("equivale aproximadamente a", "close match"),
    "owl:sameAs": ("lo mismo que", "same as"),
    "schema:name": ("nombre impreso", "name as printed"),
    "schema:containedInPlace": ("situado en", "contained in"),
    "schema:softwareVersion": ("versión", "version"),
    "time:hasTime": ("fecha", "time"),
    "time:hasBeginning": ("comienzo", "beginning"),
    "time:hasEnd": ("fin", "end"),
    "time:inXSDDate": ("fecha", "date"),
    "oa:hasSource": ("archivo fuente", "source file"),
    "oa:hasSelector": ("selector", "selector"),
    "oa:start": ("inicio", "start"),
    "oa:end": ("fin", "end"),
    "oa:exact": ("texto exacto", "exact text"),
    "oa:prefix": ("antes", "prefix"),
    "oa:suffix": ("después", "suffix"),
}


class Translator:
    """The pages' words in one language: ``t("key", n=3)``."""

    def __init__(self, lang: str) -> None:
        if lang not in language.LANGUAGES:
            raise ValueError(f"no messages in {lang!r}: expected one of {language.LANGUAGES}")
        self.lang = lang
        self._index = language.LANGUAGES.index(lang)

    def __call__(self, key: str, **values: object) -> str:
        try:
            message = MESSAGES[key][self._index]
        except KeyError:
            raise KeyError(f"no message {key!r}: add it to api/pages/messages.py") from None
        return message.format(**values) if values else message


def property_label(cat: Catalog, iri: str, lang: str) -> str:
    """The name of a property in ``lang``: the ontology's label, ours, or its prefixed name."""
    if iri in cat.labels:
        return cat.label(iri, lang)
    short = curie(iri)
    if short in PROPERTIES:
        return PROPERTIES[short][language.LANGUAGES.index(lang)]
    return short
