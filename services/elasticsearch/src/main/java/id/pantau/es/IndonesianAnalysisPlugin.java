package id.pantau.es;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The Indonesian pieces of the analysis-common module (not on Maven Central), under the
 * names production Elasticsearch uses: the {@code indonesian} analyzer, the
 * {@code stemmer} filter for {@code language: indonesian}, plus {@code indonesian_stem} and
 * {@code asciifolding}.
 */
public final class IndonesianAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("indonesian", IndonesianAnalyzerProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "indonesian_stem", IndonesianStemFilterFactory::new,
            "stemmer", requiresAnalysisSettings(StemmerFilterFactory::new),
            "asciifolding", AsciiFoldingFilterFactory::new
        );
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("indonesian_stem", false, IndonesianStemFilter::new),
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new)
        );
    }

    /** Lucene's IndonesianAnalyzer: standard tokenizer, lowercase, stop words, stemmer. */
    static final class IndonesianAnalyzerProvider extends AbstractIndexAnalyzerProvider<IndonesianAnalyzer> {
        private final IndonesianAnalyzer analyzer;

        IndonesianAnalyzerProvider(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            analyzer = new IndonesianAnalyzer(
                Analysis.parseStopWords(env, settings, IndonesianAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
        }

        @Override
        public IndonesianAnalyzer get() {
            return analyzer;
        }
    }

    /** {@code stem_derivational: false} strips only particles and possessive pronouns. */
    static final class IndonesianStemFilterFactory extends AbstractTokenFilterFactory {
        private final boolean derivational;

        IndonesianStemFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            derivational = settings.getAsBoolean("stem_derivational", true);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new IndonesianStemFilter(tokenStream, derivational);
        }
    }

    /** The production {@code stemmer} filter, for the one language this node has. */
    static final class StemmerFilterFactory extends AbstractTokenFilterFactory {

        StemmerFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            String language = settings.get("language", settings.get("name", "english"));
            if ("indonesian".equals(language.toLowerCase(Locale.ROOT)) == false) {
                throw new IllegalArgumentException(
                    "stemmer [" + name + "]: this test node only has language [indonesian], not [" + language + "]"
                );
            }
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new IndonesianStemFilter(tokenStream);
        }
    }

    /** Folds accents to ASCII ("é" -> "e"); usable in normalizers too. */
    static final class AsciiFoldingFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFoldingFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            // A normalizer must yield one token: never keep the original beside the folded one.
            return new ASCIIFoldingFilter(tokenStream, false);
        }
    }
}
