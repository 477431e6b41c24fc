"""The site search page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import MAX_QUERY_LENGTH, site_search

RESULTS_PER_PAGE = 20


def search(request):
    """GET /<language>/search/?q=…: pages in either Serbian script, paginated."""
    query = request.GET.get("q", "")
    too_long = len(query) > MAX_QUERY_LENGTH
    hits = [] if too_long else site_search(query=query, request=request)
    page = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query[:MAX_QUERY_LENGTH], "too_long": too_long, "results": page},
    )
