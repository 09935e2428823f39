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
        "Una columna por plan, en orden de fecha. Las líneas continuas son continuaciones afirmadas; las discontinuas, probables. Cada etiqueta dice el tipo, el número y el nivel; los candidatos no son una relación y no se dibujan. Cada mandato lleva a su página.",
        "One column per plan, in date order. Solid lines are asserted continuations; dashed ones, probable. Each label gives the kind, the number and the tier; candidates are not a relation and are not drawn. Each mandate opens its page.",
    ),
    "mandate.lineage.none": (
        "El trazador no encontró continuación afirmada ni probable de este mandato.",
        "The tracer found no asserted or probable continuation for this mandate.",
    ),
    "mandate.candidates": (
        "{n} candidatos clasificados, que no son una relación",
        "{n} ranked candidates, which are not a relation",
    ),
    "mandate.candidates.before": ("En planes anteriores", "In earlier plans"),
    "mandate.candidates.after": ("En planes posteriores", "In later plans"),
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
    "legend.probable": ("continuación probable", "probable continuation"),
    "legend.candidate": ("candidata no afirmada", "candidate, not asserted"),
    "picture.swipe": ("Deslice para ver todos los planes →", "Swipe to see every plan →"),
    "legend.this": ("este mandato", "this mandate"),
    "legend.carried": ("continúa un plan anterior", "continues an earlier plan"),
    "legend.new": ("sin antecedente encontrado", "no antecedent found"),
    "tier.asserted": ("afirmada", "asserted"),
    "tier.probable": ("probable", "probable"),
    "tier.candidate": ("candidata", "candidate"),
    "tier.legend": ("Qué dicen los enlaces", "What the links say"),
    "tier.asserted.definition": (
        "El grafo afirma que el mandato posterior continúa el anterior (celac:continues).",
        "The graph asserts that the later mandate continues the earlier one (celac:continues).",
    ),
    "tier.probable.definition": (
        "Probablemente lo continúa: el método lo cree más probable que no, sin llegar a afirmarlo (celac:probablyContinues).",
        "It probably continues it: the method finds it more likely than not, short of asserting it (celac:probablyContinues).",
    ),
    "tier.candidate.definition": (
        "Una pareja que el trazador clasificó sin enlazarla: no es una relación, y no se cuenta como continuación.",
        "A pair the tracer ranked without linking it: not a relation, and not counted as a continuation.",
    ),
    "tier.asserted.measured": (
        "En validación cruzada, unos {precision} de cada 100 enlaces afirmados eran ciertos.",
        "In cross-validation, about {precision} in 100 asserted links were true.",
    ),
    "tier.probable.measured": (
        "En validación cruzada, unos {precision} de cada 100 enlaces probables eran ciertos.",
        "In cross-validation, about {precision} in 100 probable links were true.",
    ),
    "tier.candidate.measured": (
        "En validación cruzada, unos {precision} de cada 100 candidatos eran ciertos.",
        "In cross-validation, about {precision} in 100 candidates were true.",
    ),
    "tier.candidate.meaning": ("No es una relación.", "Not a relation."),
    "tier.unmeasured": (
        "Este grafo no dice cuán precisa es este nivel.",
        "This graph does not say how precise this tier is.",
    ),
    "tier.confidence": ("confianza calibrada", "calibrated confidence"),
    "tier.score": (
        "puntuación del trazador (no es una probabilidad)",
        "the tracer's score (not a probability)",
    ),
    "tier.number.calibrated": (
        "La confianza calibrada: 0.80 quiere decir que unos 8 de cada 10 enlaces así son ciertos.",
        "The calibrated confidence: 0.80 means that about 8 in 10 such links are true.",
    ),
    "tier.number.score": (
        "La puntuación del trazador: ordena los candidatos, pero no es una probabilidad.",
        "The tracer's score: it ranks the candidates, but it is not a probability.",
    ),
    "tier.method": ("el método dijo: {tier}", "the method said: {tier}"),
    "link.evidence.other_language": (
        "Este grafo da la evidencia solo en inglés.",
        "This graph gives the evidence in Spanish only.",
    ),
    "review.confirmed": ("confirmada por {who} ({date})", "confirmed by {who} ({date})"),
    "review.rejected": ("rechazada por {who} ({date})", "rejected by {who} ({date})"),
    "review.other": ("revisada por {who} ({date})", "reviewed by {who} ({date})"),
    "review.open": ("Revisar los enlaces", "Review the links"),
    "state.earlier.continued": ("continuados", "continued"),
    "state.earlier.probably": ("probablemente continuados", "probably continued"),
    "state.earlier.notfound": ("sin sucesor encontrado", "no successor found"),
    "state.earlier.notfound.in": (
        "El trazador no encontró sucesor en {plan}.",
        "The tracer found no successor in {plan}.",
    ),
    "state.later.continued": ("continúan uno anterior", "continue an earlier one"),
    "state.later.probably": ("probablemente continúan", "probably continue"),
    "state.later.notfound": ("sin antecedente encontrado", "no antecedent found"),
    "pair.kind": ("Plan × plan", "Plan × plan"),
    "pair.all": ("Los planes, par a par", "The plans, pair by pair"),
    "pair.all.lead": (
        "Para cada plan posterior y cada plan anterior: qué mandatos continúan cuáles, y en cuáles el trazador no encontró continuación.",
        "For each later plan and each earlier one: which mandates continue which, and for which the tracer found no continuation.",
    ),
    "pair.cell": (
        "{asserted} afirmadas · {probable} probables",
        "{asserted} asserted · {probable} probable",
    ),
    "pair.title": ("{later} frente a {earlier}", "{later} against {earlier}"),
    "pair.lead": (
        "Qué compromisos de «{earlier}» siguen en «{later}», según el trazador.",
        "Which commitments of “{earlier}” carry on into “{later}”, as the tracer found.",
    ),
    "pair.download": ("Descargar:", "Download:"),
    "pair.summary": ("En resumen", "In short"),
    "pair.earlier.total": ("{n} mandatos", "{n} mandates"),
    "pair.later.total": ("{n} mandatos", "{n} mandates"),
    "pair.links": (
        "{asserted} enlaces afirmados y {probable} probables entre los dos planes.",
        "{asserted} asserted and {probable} probable links between the two plans.",
    ),
    "pair.candidates": (
        "Otros {n} candidatos clasificados no son una relación y no se cuentan.",
        "Another {n} ranked candidates are not a relation and are not counted.",
    ),
    "pair.by_theme": ("Por tema", "By theme"),
    "pair.by_area": ("Por área", "By area"),
    "pair.area": ("Área", "Area"),
    "pair.earlier.head": (
        "Cada mandato de {earlier} y su sucesor en {later}",
        "Each mandate of {earlier} and its successor in {later}",
    ),
    "pair.later.head": (
        "Mandatos de {later} sin antecedente encontrado en {earlier}",
        "Mandates of {later} with no antecedent found in {earlier}",
    ),
    "pair.later.lead": (
        "En {n} de los {total} mandatos el trazador no encontró antecedente en {earlier}.",
        "For {n} of the {total} mandates the tracer found no antecedent in {earlier}.",
    ),
    "pair.others": ("Los otros pares", "The other pairs"),
    "compare.open": ("Ver lado a lado", "Side by side"),
    "compare.title": ("Dos mandatos lado a lado", "Two mandates side by side"),
    "compare.lead": (
        "Resaltados: los nombres y los términos que comparten los dos textos.",
        "Highlighted: the names and terms the two texts share.",
    ),
    "compare.later": ("Mandato posterior", "Later mandate"),
    "compare.earlier": ("Mandato anterior", "Earlier mandate"),
    "compare.shared": ("Compartido", "Shared"),
    "compare.none": (
        "El trazador no relacionó estos dos mandatos.",
        "The tracer did not relate these two mandates.",
    ),
    "compare.bad": (
        "Faltan dos mandatos que comparar: ?later= y ?earlier=, dos IRIs de mandatos.",
        "Two mandates to compare are missing: ?later= and ?earlier=, two mandate IRIs.",
    ),
    "compare.unknown": ("No es un mandato del grafo: {iris}", "Not a mandate of the graph: {iris}"),
    "flow.title": ("Los temas a través de los planes", "The themes across the plans"),
    "flow.lead": (
        "Cada barra es un tema en un plan; su alto, los mandatos con ese tema. Cada banda une un tema con el mismo tema en el plan siguiente: su ancho a la izquierda son los mandatos continuados, a la derecha los que los continúan (enlaces afirmados y probables).",
        "Each bar is a theme in a plan; its height, the mandates with that theme. Each band joins a theme to the same theme in the next plan: its width on the left is the mandates continued, on the right those that continue them (asserted and probable links).",
    ),
    "flow.other": ("otros temas", "other themes"),
    "flow.table": ("Los números de la figura", "The figure's numbers"),
    "flow.theme": ("Tema", "Theme"),
    "flow.band": (
        "{theme}: {earlier} mandatos de {from_plan} continuados por {later} de {to_plan}",
        "{theme}: {earlier} mandates of {from_plan} continued by {later} of {to_plan}",
    ),
    "flow.node": ("{theme} en {plan}: {n} mandatos", "{theme} in {plan}: {n} mandates"),
    "flow.skips": (
        "Las bandas unen planes consecutivos; los enlaces que saltan un plan se cuentan en la vista plan × plan.",
        "Bands join consecutive plans; links that skip a plan are counted in the plan × plan view.",
    ),
    "became.title": ("Qué fue de este mandato", "What became of this mandate"),
    "became.continued": ("Continuado en un plan posterior", "Continued in a later plan"),
    "became.probably": (
        "Probablemente continuado en un plan posterior",
        "Probably continued in a later plan",
    ),
    "became.meeting": (
        "La reunión que convocó se cita luego como celebrada",
        "The meeting it called is later referred to as held",
    ),
    "became.body": (
        "Un grupo de trabajo que nombra por primera vez vuelve a recibir encargos",
        "A working group it first names is entrusted again",
    ),
    "became.none": (
        "No se encontró huella en los planes posteriores: ni sucesor, ni la reunión que convocó citada como celebrada, ni un grupo de trabajo que nombra por primera vez vuelve a recibir encargos. El trazador puede no haberla visto.",
        "No trace found in the later plans: no successor, no meeting it called referred to as held, no working group it first names entrusted again. The tracer may have missed it.",
    ),
    "became.last": (
        "Es del plan más reciente: aún no hay plan posterior.",
        "It belongs to the latest plan: there is no later plan yet.",
    ),
    "review.title": (
        "Revisar los enlaces de {later} con {earlier}",
        "Review the links of {later} to {earlier}",
    ),
    "review.lead": (
        "Los enlaces probables (y los afirmados, para comprobarlos) con los dos textos lado a lado. Sus veredictos se guardan en este navegador y se exportan como reviews.toml para la carpeta del corpus; el servidor no escribe nada.",
        "The probable links (and the asserted ones, to check them) with both texts side by side. Your verdicts stay in this browser and export as reviews.toml for the corpus folder; the server writes nothing.",
    ),
    "review.reviewer": ("Su nombre o su ORCID", "Your name or ORCID"),
    "review.keys": ("Atajos de teclado", "Keyboard shortcuts"),
    "review.key.confirm": ("confirmar el enlace seleccionado", "confirm the selected link"),
    "review.key.reject": ("rechazar el enlace seleccionado", "reject the selected link"),
    "review.key.next": ("siguiente enlace", "next link"),
    "review.key.previous": ("enlace anterior", "previous link"),
    "review.key.clear": ("borrar el veredicto", "clear the verdict"),
    "review.key.why": ("escribir el porqué", "write why"),
    "review.confirm": ("Confirmar", "Confirm"),
    "review.reject": ("Rechazar", "Reject"),
    "review.clear": ("Borrar", "Clear"),
    "review.why": ("Por qué (opcional)", "Why (optional)"),
    "review.export": ("Descargar reviews.toml", "Download reviews.toml"),
    "review.count": ("{n} veredictos", "{n} verdicts"),
    "review.needs_name": (
        "Escriba su nombre antes de descargar.",
        "Type your name before downloading.",
    ),
    "review.none": (
        "No hay enlaces probables ni afirmados entre estos planes.",
        "There are no probable or asserted links between these plans.",
    ),
    "review.verdict.confirmed": ("confirmado", "confirmed"),
    "review.verdict.rejected": ("rechazado", "rejected"),
    "review.verdict.none": ("sin veredicto", "no verdict"),
    "review.pairs": ("Otros pares", "Other pairs"),
    "review.script": (
        "Esta página necesita JavaScript para guardar veredictos y descargar el archivo.",
        "This page needs JavaScript to keep verdicts and download the file.",
    ),
    "lineage.list": ("Los mandatos de la figura", "The mandates in the figure"),
    "lineage.links": ("Los enlaces de la figura", "The links in the figure"),
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
        "{later} mandatos continúan {earlier} mandatos de {plan} ({asserted} enlaces afirmados, {probable} probables)",
        "{later} mandates continue {earlier} mandates of {plan} ({asserted} asserted links, {probable} probable)",
    ),
    "plan.carries.none": (
        "El trazador no encontró continuaciones afirmadas ni probables.",
        "The tracer found no asserted or probable continuation.",
    ),
    "plan.carries.open": ("Abrir la vista plan × plan", "Open the plan × plan view"),
    "plan.first": (
        "Es el primer plan del grafo: no hay plan anterior en que buscar antecedentes.",
        "It is the first plan of the graph: there is no earlier plan to look for antecedents in.",
    ),
    "plan.starts": ("De dónde vienen sus mandatos", "Where its mandates come from"),
    "plan.starts.lead": (
        "De sus {total} mandatos: {continued} continúan un mandato de un plan anterior, {probably} probablemente continúan uno, y en {notfound} el trazador no encontró antecedente.",
        "Of its {total} mandates: {continued} continue a mandate of an earlier plan, {probably} probably continue one, and for {notfound} the tracer found no antecedent.",
    ),
    "plan.starts.list": ("Sin antecedente encontrado", "No antecedent found"),
    "plan.drops": ("Qué fue de sus mandatos", "What became of its mandates"),
    "plan.drops.lead": (
        "De sus {total} mandatos: {continued} continuados en un plan posterior, {probably} probablemente continuados, y en {notfound} el trazador no encontró sucesor. No haber encontrado sucesor no quiere decir que el compromiso se abandonara: el trazador puede no haberlo visto.",
        "Of its {total} mandates: {continued} continued in a later plan, {probably} probably continued, and for {notfound} the tracer found no successor. No successor found does not mean the commitment was abandoned: the tracer may have missed it.",
    ),
    "plan.drops.list": ("Sin sucesor encontrado", "No successor found"),
    "plan.traces": (
        "Además, de los mandatos sin sucesor encontrado, {n} dejaron otra huella en un plan posterior (una reunión convocada luego citada como celebrada, o un grupo de trabajo que nombran por primera vez vuelve a recibir encargos).",
        "Besides, of the mandates with no successor found, {n} left another trace in a later plan (a meeting they called later referred to as held, or a working group they first name entrusted again).",
    ),
    "plan.last": (
        "Es el plan más reciente del grafo: aún no hay plan posterior en que buscar sucesores.",
        "It is the latest plan of the graph: there is no later plan yet to look for successors in.",
    ),
    "plan.pairs": ("Frente a cada otro plan", "Against each other plan"),
    "plan.pairs.lead": (
        "Cada par abre la vista plan × plan: qué mandatos continúan cuáles, por tema y por área, también en CSV y JSON.",
        "Each pair opens the plan × plan view: which mandates continue which, by theme and by area, also as CSV and JSON.",
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
        "Cada punto es un mandato con este tema, en la columna de su plan; las líneas son las continuaciones entre ellos (continuas: afirmadas; discontinuas: probables). Los candidatos no son una relación y no se dibujan.",
        "Each dot is a mandate with this theme, in its plan's column; lines are the continuations among them (solid: asserted; dashed: probable). Candidates are not a relation and are not drawn.",
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
    "new-mandates": "¿En qué mandatos del plan de 2020 no se encontró antecedente?",
    "not-carried-on": "¿En qué mandatos de 2014 no se encontró sucesor en ningún plan?",
    "lineage-tiers": "¿De dónde viene un mandato, por nivel de confianza?",
    "plan-pair-coverage": "¿Cuánto de cada plan sigue en cada plan posterior?",
    "reviews": "¿Qué enlaces confirmaron o rechazaron los revisores?",
    "what-became": "¿Qué fue de cada mandato de 2014 según los planes posteriores?",
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
